package dev.lsmkv.spring.test.autoconfigure;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/** Keeps components out of a {@link DataLsmTest} context unless included explicitly. */
final class DataLsmTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<DataLsmTest> {

    DataLsmTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }
}
