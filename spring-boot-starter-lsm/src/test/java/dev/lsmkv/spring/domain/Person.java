package dev.lsmkv.spring.domain;

import dev.lsmkv.spring.Indexed;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** A test entity with indexed and unindexed properties of several types. */
@KeySpace("people")
public class Person {

    @Id
    private Long id;
    @Indexed
    private String email;
    @Indexed
    private int age;
    private String city;
    @Indexed
    private LocalDate birthday;
    @Indexed
    private List<String> tags = new ArrayList<>();
    @Indexed
    private Double score;

    public Person() {
    }

    public Person(Long id, String email, int age, String city) {
        this.id = id;
        this.email = email;
        this.age = age;
        this.city = city;
        this.birthday = LocalDate.of(2000, 1, 1).minusYears(age);
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public int getAge() { return age; }
    public void setAge(int age) { this.age = age; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public LocalDate getBirthday() { return birthday; }
    public void setBirthday(LocalDate birthday) { this.birthday = birthday; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags; }
    public Double getScore() { return score; }
    public void setScore(Double score) { this.score = score; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Person p && Objects.equals(id, p.id) && Objects.equals(email, p.email) && age == p.age
                && Objects.equals(city, p.city) && Objects.equals(birthday, p.birthday)
                && Objects.equals(tags, p.tags) && Objects.equals(score, p.score);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, email);
    }

    @Override
    public String toString() {
        return "Person{" + id + "," + email + "," + age + "," + city + "," + tags + "," + score + "}";
    }
}
