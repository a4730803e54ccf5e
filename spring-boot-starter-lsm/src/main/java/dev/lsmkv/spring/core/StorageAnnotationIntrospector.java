package dev.lsmkv.spring.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.util.NameTransformer;

/**
 * Jackson annotations as the store reads them: an entity is often also a web DTO, and the
 * annotations that shape web JSON by dropping data in one direction must not drop it from the
 * store. Stateless and thread-safe.
 *
 * <p>Ignored here (each one loses data on a write/read round trip):
 * <ul>
 *   <li>{@code @JsonIgnore}, {@code @JsonIgnoreProperties}, {@code @JsonIncludeProperties},
 *       {@code @JsonIgnoreType}: the field would not be stored. Keep a field out of storage with
 *       Java's {@code transient} or Spring Data's {@link Transient @Transient} instead.</li>
 *   <li>{@code @JsonInclude}: an omitted null or empty value would read back as whatever the
 *       constructor put there.</li>
 *   <li>{@code @JsonProperty(access = READ_ONLY / WRITE_ONLY)}: the value would be written but
 *       not read, or not written.</li>
 *   <li>{@code @JsonFormat}: a pattern, time zone or shape can drop precision or the zone.</li>
 *   <li>{@code @JsonUnwrapped}: a null nested object would read back as an empty one.</li>
 *   <li>{@code @JsonSetter(nulls = ...)} and {@code @JsonMerge}: a stored null or list would be
 *       skipped or merged into the constructor's default.</li>
 * </ul>
 * Annotations that work the same way in both directions still apply: renaming
 * ({@code @JsonProperty("x")}, {@code @JsonAlias}, {@code @JsonNaming}), {@code @JsonValue} and
 * {@code @JsonCreator}, {@code @JsonSerialize}/{@code @JsonDeserialize}, {@code @JsonTypeInfo},
 * managed/back references. Spring Data's {@link PersistenceCreator @PersistenceCreator} marks the
 * constructor or factory to read with, like {@code @JsonCreator}.
 */
final class StorageAnnotationIntrospector extends JacksonAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasIgnoreMarker(MapperConfig<?> config, AnnotatedMember m) {
        // The transient modifier is handled by Jackson itself (fields only, as configured).
        return m.hasAnnotation(Transient.class);
    }

    @Override
    public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
        return JsonIgnoreProperties.Value.empty();
    }

    @Override
    public JsonIncludeProperties.Value findPropertyInclusionByName(MapperConfig<?> config, Annotated a) {
        return JsonIncludeProperties.Value.all();
    }

    @Override
    public Boolean isIgnorableType(MapperConfig<?> config, AnnotatedClass ac) {
        return null;
    }

    @Override
    public JsonInclude.Value findPropertyInclusion(MapperConfig<?> config, Annotated a) {
        return JsonInclude.Value.empty();
    }

    @Override
    public JsonProperty.Access findPropertyAccess(MapperConfig<?> config, Annotated a) {
        return null;
    }

    @Override
    public JsonFormat.Value findFormat(MapperConfig<?> config, Annotated a) {
        return JsonFormat.Value.empty();
    }

    @Override
    public NameTransformer findUnwrappingNameTransformer(MapperConfig<?> config, AnnotatedMember member) {
        return null;
    }

    @Override
    public JsonSetter.Value findSetterInfo(MapperConfig<?> config, Annotated a) {
        return JsonSetter.Value.empty();
    }

    @Override
    public Boolean findMergeInfo(MapperConfig<?> config, Annotated a) {
        return null;
    }

    @Override
    public JsonCreator.Mode findCreatorAnnotation(MapperConfig<?> config, Annotated a) {
        JsonCreator.Mode mode = super.findCreatorAnnotation(config, a);
        if (mode == null && a.hasAnnotation(PersistenceCreator.class)) {
            return JsonCreator.Mode.PROPERTIES;
        }
        return mode;
    }
}
