package dev.lsmkv.spring.repository;

import dev.lsmkv.engine.EngineOptions;
import dev.lsmkv.engine.LsmEngine;
import dev.lsmkv.engine.SyncMode;
import dev.lsmkv.spring.core.LsmKeyValueAdapter;
import dev.lsmkv.spring.core.LsmKeyValueTemplate;
import dev.lsmkv.spring.domain.Person;
import java.nio.file.Path;
import java.util.List;
import org.springframework.data.keyvalue.core.KeyValueTemplate;

/**
 * Run in a child JVM by {@link CrashRecoveryIntegrationTests}: saves (one by one and in a bulk
 * batch), updates and deletes people through templates, prints "DONE", then halts the JVM without
 * closing or flushing anything.
 */
public final class CrashWriter {

    public static void main(String[] args) {
        LsmEngine engine = LsmEngine.open(Path.of(args[0]),
                EngineOptions.builder().syncMode(SyncMode.NONE).memtableSizeBytes(64 * 1024).build());
        KeyValueTemplate template = new KeyValueTemplate(new LsmKeyValueAdapter(engine));
        LsmKeyValueTemplate bulk = new LsmKeyValueTemplate(new LsmKeyValueAdapter(engine));
        List<Person> all = AbstractRepositoryTests.people(400, 21);
        all.subList(0, 100).forEach(template::insert);
        bulk.insertOrUpdateAll(all.subList(100, 400), java.util.Collections.nCopies(300, true), Person.class);
        for (Person p : all.subList(0, 150)) {
            p.setAge(p.getAge() + 1);
            p.setTags(List.of("crash"));
            template.update(p);
        }
        all.subList(150, 200).forEach(template::delete);
        System.out.println("DONE");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
