package dev.lsmkv.replication.spring.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A minimal application: the starter's repositories over whatever LsmEngine is configured. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class NoteApp {
}
