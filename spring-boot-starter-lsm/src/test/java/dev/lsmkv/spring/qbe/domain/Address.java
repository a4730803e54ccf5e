package dev.lsmkv.spring.qbe.domain;

import java.util.Objects;

/** A nested (embedded) object of {@link Customer}. */
public class Address {

    private String city;
    private String street;
    private String zip;

    public Address() {
    }

    public Address(String city, String street, String zip) {
        this.city = city;
        this.street = street;
        this.zip = zip;
    }

    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getStreet() { return street; }
    public void setStreet(String street) { this.street = street; }
    public String getZip() { return zip; }
    public void setZip(String zip) { this.zip = zip; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Objects.equals(city, a.city) && Objects.equals(street, a.street)
                && Objects.equals(zip, a.zip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(city, street, zip);
    }

    @Override
    public String toString() {
        return "Address{" + city + "," + street + "," + zip + "}";
    }
}
