package dev.lsmkv.sample;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/**
 * A Spring Data page as JSON with a stable shape ({@code content}, {@code totalElements},
 * {@code totalPages}, {@code number}, {@code size}, ...), instead of serialising {@code PageImpl}
 * itself, whose JSON form Spring Data does not guarantee.
 */
public record PageView<T>(List<T> content, long totalElements, int totalPages, int number, int size,
        int numberOfElements, boolean first, boolean last, List<String> sort) {

    static <S, T> PageView<T> of(Page<S> page, Function<S, T> mapper) {
        return new PageView<>(page.getContent().stream().map(mapper).toList(), page.getTotalElements(),
                page.getTotalPages(), page.getNumber(), page.getSize(), page.getNumberOfElements(),
                page.isFirst(), page.isLast(),
                page.getSort().stream().map(o -> o.getProperty() + "," + o.getDirection().name().toLowerCase(java.util.Locale.ROOT)).toList());
    }
}
