package dev.lsmkv.engine;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * DESIGN.md's package order, checked on the compiled main classes: {@code util} -&gt; {@code fs},
 * {@code base} -&gt; {@code wal}, {@code memtable}, {@code cache} -&gt; {@code sstable} -&gt;
 * {@code iterator} -&gt; {@code version} -&gt; {@code compaction} -&gt; the root package -&gt;
 * {@code tool} (the inspection classes behind the CLI, which may use everything). A package
 * may use those before it, never one after it, nor a sibling of its own tier ("wal knows
 * nothing of memtables").
 *
 * <p>The root package's three vocabulary types, {@link LsmException}, {@link CorruptionException}
 * and {@link Compression}, are public API names (API.md) that every tier throws or reads, and
 * an exception must be an instance of the public class to be caught as one; so they stay in the
 * root package and form the bottom tier. {@link #vocabularyTypesDependOnNoEnginePackage} keeps
 * that honest: they import nothing from the engine, so no cycle can run through them.
 */
@AnalyzeClasses(packages = "dev.lsmkv.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringArchitectureTests {

    private static final String ROOT = "dev.lsmkv.engine";

    private static final Set<String> VOCABULARY_NAMES = Set.of(LsmException.class.getName(),
            CorruptionException.class.getName(), Compression.class.getName());

    /** The vocabulary types and their arrays (an enum's values() returns Compression[]). */
    private static final DescribedPredicate<JavaClass> VOCABULARY = DescribedPredicate.describe(
            "the root package's vocabulary types (LsmException, CorruptionException, Compression)",
            c -> VOCABULARY_NAMES.contains(c.getBaseComponentType().getName()));

    private static final DescribedPredicate<JavaClass> ROOT_ORCHESTRATION =
            resideInAPackage(ROOT).and(DescribedPredicate.not(VOCABULARY)).as("the root package");

    @ArchTest
    static final ArchRule packagesDependDownwardOnly = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("vocabulary").definedBy(VOCABULARY)
            .layer("util").definedBy(ROOT + ".util..")
            .layer("fs").definedBy(ROOT + ".fs..")
            .layer("base").definedBy(ROOT + ".base..")
            .layer("wal").definedBy(ROOT + ".wal..")
            .layer("memtable").definedBy(ROOT + ".memtable..")
            .layer("cache").definedBy(ROOT + ".cache..")
            .layer("sstable").definedBy(ROOT + ".sstable..")
            .layer("iterator").definedBy(ROOT + ".iterator..")
            .layer("version").definedBy(ROOT + ".version..")
            .layer("compaction").definedBy(ROOT + ".compaction..")
            .layer("root").definedBy(ROOT_ORCHESTRATION)
            .layer("tool").definedBy(ROOT + ".tool..")
            .whereLayer("vocabulary").mayNotAccessAnyLayer()
            .whereLayer("util").mayOnlyAccessLayers("vocabulary")
            .whereLayer("fs").mayOnlyAccessLayers("vocabulary", "util")
            .whereLayer("base").mayOnlyAccessLayers("vocabulary", "util")
            .whereLayer("wal").mayOnlyAccessLayers("vocabulary", "util", "fs", "base")
            .whereLayer("memtable").mayOnlyAccessLayers("vocabulary", "util", "fs", "base")
            .whereLayer("cache").mayOnlyAccessLayers("vocabulary", "util", "fs", "base")
            .whereLayer("sstable").mayOnlyAccessLayers("vocabulary", "util", "fs", "base", "wal", "memtable", "cache")
            .whereLayer("iterator").mayOnlyAccessLayers("vocabulary", "util", "fs", "base", "wal", "memtable", "cache",
                    "sstable")
            .whereLayer("version").mayOnlyAccessLayers("vocabulary", "util", "fs", "base", "wal", "memtable", "cache",
                    "sstable", "iterator")
            .whereLayer("compaction").mayOnlyAccessLayers("vocabulary", "util", "fs", "base", "wal", "memtable",
                    "cache", "sstable", "iterator", "version")
            .whereLayer("root").mayOnlyAccessLayers("vocabulary", "util", "fs", "base", "wal", "memtable", "cache",
                    "sstable", "iterator", "version", "compaction")
            .whereLayer("tool").mayOnlyAccessLayers("vocabulary", "util", "fs", "base", "wal", "memtable", "cache",
                    "sstable", "iterator", "version", "compaction", "root");

    @ArchTest
    static final ArchRule vocabularyTypesDependOnNoEnginePackage = noClasses().that(VOCABULARY)
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(DescribedPredicate.not(VOCABULARY)));

    @ArchTest
    static final ArchRule engineImportsNoSpring = noClasses().that().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");
}
