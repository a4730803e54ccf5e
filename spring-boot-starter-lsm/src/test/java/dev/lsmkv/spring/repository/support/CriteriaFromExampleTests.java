package dev.lsmkv.spring.repository.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsmkv.spring.core.LsmCriteria;
import dev.lsmkv.spring.core.LsmCriteria.Condition;
import dev.lsmkv.spring.qbe.domain.Address;
import dev.lsmkv.spring.qbe.domain.Customer;
import dev.lsmkv.spring.qbe.domain.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.ExampleMatcher.StringMatcher;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.repository.query.parser.Part.Type;

/** The shape of the criteria {@link ExampleCriteria} builds: conditions, paths, grouping. */
class CriteriaFromExampleTests {

    private final KeyValueMappingContext<?, ?> context = new KeyValueMappingContext<>();

    static ExampleMatcher noAge() {
        return ExampleMatcher.matching().withIgnorePaths("age");
    }

    private List<List<Condition>> disjuncts(Example<?> example) {
        LsmCriteria criteria = ExampleCriteria.of(example, context);
        return criteria == null ? List.of() : criteria.disjuncts();
    }

    static Condition eq(String path, Object value) {
        return new Condition(path, Type.SIMPLE_PROPERTY, List.of(value), false);
    }

    @Test
    void allMatchingIsOneConjunctionInPropertyOrder() {
        Customer probe = Customer.probe().setLastname("Smith").setStatus(Status.ACTIVE).setRank(3);
        assertThat(disjuncts(Example.of(probe))).containsExactly(List.of(eq("lastname", "Smith"), eq("age", 0),
                eq("rank", 3), eq("status", Status.ACTIVE)));
        assertThat(disjuncts(Example.of(probe, noAge()))).containsExactly(List.of(eq("lastname", "Smith"),
                eq("rank", 3), eq("status", Status.ACTIVE)));
    }

    @Test
    void anyMatchingIsOneDisjunctPerPropertyAndACollectionStaysTogether() {
        Customer probe = Customer.probe().setLastname("Smith").setTags(List.of("a", "b")).setAddress(new Address("Oslo", null, "1"));
        assertThat(disjuncts(Example.of(probe, ExampleMatcher.matchingAny().withIgnorePaths("age")))).containsExactly(
                List.of(eq("lastname", "Smith")), List.of(eq("address.city", "Oslo")), List.of(eq("address.zip", "1")),
                List.of(eq("tags", "a"), eq("tags", "b")));
    }

    @Test
    void nothingSetIsNoCriteria() {
        assertThat(ExampleCriteria.of(Example.of(Customer.probe(), noAge()), context)).isNull();
        assertThat(ExampleCriteria.of(Example.of(Customer.probe(), ExampleMatcher.matchingAny().withIgnorePaths("age")), context))
                .isNull();
        // an empty collection, map or array, and a transient property, set nothing
        Customer empty = Customer.probe().setTags(new ArrayList<>()).setAttributes(Map.of()).setAliases(new String[0]).setNote("x");
        assertThat(ExampleCriteria.of(Example.of(empty, noAge()), context)).isNull();
    }

    @Test
    void stringMatchersMapToKeywordsAndIgnoreCaseOnlyTouchesStrings() {
        Customer probe = Customer.probe().setLastname("Smi").setStatus(Status.CLOSED);
        ExampleMatcher m = noAge().withIgnoreCase();
        assertThat(disjuncts(Example.of(probe, m.withStringMatcher(StringMatcher.STARTING)))).containsExactly(List.of(
                new Condition("lastname", Type.STARTING_WITH, List.of("Smi"), true), eq("status", Status.CLOSED)));
        assertThat(disjuncts(Example.of(probe, noAge().withStringMatcher(StringMatcher.ENDING))).get(0).get(0))
                .isEqualTo(new Condition("lastname", Type.ENDING_WITH, List.of("Smi"), false));
        assertThat(disjuncts(Example.of(probe, noAge().withStringMatcher(StringMatcher.CONTAINING))).get(0).get(0))
                .isEqualTo(new Condition("lastname", Type.CONTAINING, List.of("Smi"), false));
        assertThat(disjuncts(Example.of(probe, noAge().withStringMatcher(StringMatcher.EXACT))).get(0).get(0))
                .isEqualTo(eq("lastname", "Smi"));
        Condition regex = disjuncts(Example.of(probe, m.withStringMatcher(StringMatcher.REGEX))).get(0).get(0);
        assertThat(regex.type()).isEqualTo(Type.REGEX);
        assertThat(((Pattern) regex.args().get(0)).flags() & Pattern.CASE_INSENSITIVE).isNotZero();
    }

    @Test
    void includedNullsBecomeIsNull() {
        Customer probe = Customer.probe().setLastname("Smith");
        ExampleMatcher m = noAge().withIncludeNullValues().withIgnorePaths("tags", "attributes", "aliases");
        assertThat(disjuncts(Example.of(probe, m))).containsExactly(List.of(
                new Condition("id", Type.IS_NULL, List.of(), false), eq("lastname", "Smith"),
                new Condition("firstname", Type.IS_NULL, List.of(), false), new Condition("rank", Type.IS_NULL, List.of(), false),
                new Condition("status", Type.IS_NULL, List.of(), false), new Condition("address", Type.IS_NULL, List.of(), false)));
    }

    @Test
    void mapsAreMatchedEntryByEntry() {
        Customer probe = Customer.probe().setAttributes(Map.of("tier", "gold"));
        assertThat(disjuncts(Example.of(probe, noAge()))).containsExactly(List.of(eq("attributes.tier", "gold")));
        Customer badKey = Customer.probe().setAttributes(Map.of("", "gold"));
        assertThatThrownBy(() -> ExampleCriteria.of(Example.of(badKey, noAge()), context))
                .isInstanceOf(InvalidDataAccessApiUsageException.class);
    }

    @Test
    void nonEmptyArraysAndCyclesFail() {
        Customer probe = Customer.probe().setAliases(new String[] {"x"});
        assertThatThrownBy(() -> ExampleCriteria.of(Example.of(probe, noAge()), context))
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("aliases");
        Node a = new Node("a");
        a.next = new Node("b");
        a.next.next = a;
        assertThatThrownBy(() -> ExampleCriteria.of(Example.of(a), context))
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("next.next");
        // a chain without a cycle is fine
        Node c = new Node("c");
        c.next = new Node("d");
        assertThat(disjuncts(Example.of(c))).containsExactly(List.of(eq("name", "c"), eq("next.name", "d")));
    }

    @Test
    void objectsTheContextDoesNotKnowAreWalkedByTheirFields() {
        // an Object-typed property holding a bean: walked through its persistent entity...
        Holder holder = new Holder();
        holder.extra = new Extra("x", 3);
        assertThat(disjuncts(Example.of(holder))).containsExactly(List.of(eq("extra.name", "x"), eq("extra.count", 3)));
        // ...or, in a strict context that does not know it, through its fields
        KeyValueMappingContext<?, ?> strict = new KeyValueMappingContext<>();
        strict.setInitialEntitySet(Set.of(Holder.class));
        strict.setStrict(true);
        strict.afterPropertiesSet();
        LsmCriteria criteria = ExampleCriteria.of(Example.of(holder), strict);
        assertThat(criteria.disjuncts()).containsExactly(List.of(eq("extra.name", "x"), eq("extra.count", 3)));
        assertThat(criteria.matches(holder)).isTrue();
    }

    @Test
    void theIdIsAPropertyLikeAnyOther() {
        assertThat(disjuncts(Example.of(Customer.probe().setId(5L), noAge()))).containsExactly(List.of(eq("id", 5L)));
    }

    static class Node {
        @Id
        String name;
        Node next;

        Node(String name) {
            this.name = name;
        }
    }

    static class Holder {
        @Id
        String id;
        Object extra;
    }

    static class Extra {
        String name;
        int count;

        Extra(String name, int count) {
            this.name = name;
            this.count = count;
        }
    }
}
