package dev.lsmkv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * module-info hides the internal packages and only those: the compiled descriptor exports exactly
 * the API package, the API package's public types are exactly the API, and a consumer compiled on
 * the module path (against target/classes and the dependency jars) can use the API but not an
 * internal class. The engine's other tests run on the class path (lsm-engine's pom), where the
 * descriptor is ignored; these are the tests that see it take effect.
 */
class ModuleDescriptorTests {

    private static final String MODULE = "dev.lsmkv.engine";

    /** Every package of the engine but the API package: none may be exported. */
    private static final Set<String> INTERNAL = Set.of("base", "cache", "compaction", "fs", "iterator",
            "memtable", "sstable", "tool", "util", "version", "wal").stream()
            .map(p -> MODULE + "." + p).collect(Collectors.toSet());

    /**
     * The public types of the exported package. WriteBatchCodec (and its Handler) is the one that is
     * not API (API.md): public only for {@code tool}'s WAL dumps, to leave the package once the
     * DbImpl split has landed. Anything else public here is reachable by every module-path user.
     */
    private static final Set<String> PUBLIC_TYPES = Set.of("Compression", "CorruptionException", "Cursor",
            "EngineEventListener", "EngineOptions", "EngineOptions$Builder", "EngineStats", "EngineStats$Builder",
            "EngineStats$LevelStats", "LsmEngine", "LsmException", "Snapshot", "SyncMode", "WriteBatch",
            "WriteBatchCodec", "WriteBatchCodec$Handler");

    @TempDir
    Path tmp;

    @Test
    void descriptorExportsTheApiPackageOnlyAndRequiresTheTwoLibraries() throws Exception {
        ModuleReference ref = engineModule();
        ModuleDescriptor d = ref.descriptor();

        assertThat(d.name()).isEqualTo(MODULE);
        assertThat(d.isAutomatic()).isFalse();
        assertThat(d.isOpen()).isFalse();
        assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).as("qualified export %s", e).isFalse());
        assertThat(d.exports()).map(ModuleDescriptor.Exports::source).containsExactly(MODULE);
        assertThat(d.opens()).isEmpty();
        // The hidden packages are really in the module (a renamed package would otherwise pass unnoticed).
        assertThat(d.packages()).containsAll(INTERNAL).contains(MODULE);
        assertThat(new TreeSet<>(d.packages())).isEqualTo(union(INTERNAL, MODULE));

        List<String> requires = new ArrayList<>();
        for (ModuleDescriptor.Requires r : d.requires()) {
            if (!r.modifiers().contains(ModuleDescriptor.Requires.Modifier.MANDATED)) {
                requires.add(r.name() + (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC) ? " static" : ""));
            }
        }
        // jdk.management only tells the default maxOpenFiles the descriptor limit: optional, like the annotations
        assertThat(requires).containsExactlyInAnyOrder("org.lz4.java", "com.github.benmanes.caffeine",
                "com.google.errorprone.annotations static", "jdk.management static");
    }

    @Test
    void exportedPackageHoldsOnlyTheApiTypes() throws Exception {
        Path dir = classesDir().resolve(MODULE.replace('.', '/'));
        Set<String> publicTypes = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class") || file.equals("package-info.class")) {
                    continue;
                }
                String simple = file.substring(0, file.length() - ".class".length());
                Class<?> c = Class.forName(MODULE + "." + simple, false, getClass().getClassLoader());
                if (isReachable(c)) {
                    publicTypes.add(simple);
                }
            }
        }
        assertThat(publicTypes).as("public types of the exported package " + MODULE).isEqualTo(new TreeSet<>(PUBLIC_TYPES));
    }

    @Test
    void consumerOnTheModulePathCompilesAgainstTheApiAndRunsIt() throws Exception {
        Path src = tmp.resolve("src");
        write(src.resolve("module-info.java"), "module consumer { requires dev.lsmkv.engine; exports consumer; }");
        write(src.resolve("consumer/Main.java"), """
                package consumer;
                import dev.lsmkv.engine.EngineOptions;
                import dev.lsmkv.engine.LsmEngine;
                import dev.lsmkv.engine.SyncMode;
                import dev.lsmkv.engine.WriteBatch;
                import java.nio.file.Path;
                public final class Main {
                    private Main() { }
                    public static byte[] roundTrip(Path dir, byte[] key, byte[] value) {
                        EngineOptions o = EngineOptions.builder().syncMode(SyncMode.NONE).build();
                        try (LsmEngine db = LsmEngine.open(dir, o)) {
                            db.write(new WriteBatch().put(key, value));
                            db.flush();
                        }
                        try (LsmEngine db = LsmEngine.open(dir, o)) {
                            return db.get(key);
                        }
                    }
                }
                """);
        Path out = tmp.resolve("out");
        List<Diagnostic<? extends JavaFileObject>> errors = compile(src, out);
        assertThat(errors).as("javac errors").isEmpty();

        // Run it in a layer of its own, resolved from the module path only (the platform loader as
        // parent, so not one class comes from the class path this test runs on): proves the
        // descriptor's requires are complete, lz4-java's automatic module name included.
        ModuleFinder finder = ModuleFinder.of(out, classesDir(), jarOf(LZ4Factory.class), jarOf(Caffeine.class));
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of("consumer"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        Class<?> main = layer.findLoader("consumer").loadClass("consumer.Main");
        assertThat(main.getModule().getName()).isEqualTo("consumer");
        Method roundTrip = main.getMethod("roundTrip", Path.class, byte[].class, byte[].class);
        Object value = roundTrip.invoke(null, tmp.resolve("data"), "k".getBytes(UTF_8), "v".getBytes(UTF_8));
        assertThat((byte[]) value).isEqualTo("v".getBytes(UTF_8));
        assertThat(layer.findModule(MODULE)).get().satisfies(m -> assertThat(m.getClassLoader())
                .isNotSameAs(getClass().getClassLoader()));
    }

    @Test
    void consumerOnTheModulePathCannotUseAnInternalPackage() throws Exception {
        Path src = tmp.resolve("src");
        write(src.resolve("module-info.java"), "module consumer { requires dev.lsmkv.engine; }");
        // One class per hidden package the other modules use on the class path.
        String[] internal = {"memtable.MemTable", "tool.DirectoryInspector", "fs.Vfs", "base.InternalKey",
                "version.FileMetaData", "iterator.UserIterator"};
        for (int i = 0; i < internal.length; i++) {
            write(src.resolve("consumer/Use" + i + ".java"), "package consumer;\n"
                    + "final class Use" + i + " { " + MODULE + "." + internal[i] + " field; }\n");
        }
        List<Diagnostic<? extends JavaFileObject>> errors = compile(src, tmp.resolve("out"));

        Set<String> hidden = new TreeSet<>();
        for (Diagnostic<? extends JavaFileObject> e : errors) {
            assertThat(e.getCode()).as(e.toString()).isEqualTo("compiler.err.package.not.visible");
            String message = e.getMessage(Locale.ROOT);
            assertThat(message).contains("is declared in module " + MODULE + ", which does not export it");
            hidden.add(message.substring("package ".length(), message.indexOf(" is not visible")));
        }
        Set<String> expected = new TreeSet<>();
        for (String c : internal) {
            expected.add(MODULE + "." + c.substring(0, c.indexOf('.')));
        }
        assertThat(hidden).isEqualTo(expected);
    }

    /** A public type, nested in public types only: what a module-path user can name. */
    private static boolean isReachable(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    /** Compiles every file under {@code src} as one module with the engine on the module path; the errors. */
    private List<Diagnostic<? extends JavaFileObject>> compile(Path src, Path out) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(src)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
            String modulePath = Stream.of(classesDir(), jarOf(LZ4Factory.class), jarOf(Caffeine.class))
                    .map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
            // Nothing on the class path: by default javac would inherit this JVM's (the engine's
            // classes and test classes), and a package found there is not the module's.
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of());
            List<String> options = List.of("--release", "17", "-d", out.toString(), "--module-path", modulePath,
                    "-proc:none", "-Xlint:-options");
            Boolean ok = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
            assertThat(ok).as("javac result vs errors %s", errors).isEqualTo(errors.isEmpty());
            return errors;
        }
    }

    /** lsm-engine's target/classes, where this test's classes are not (they are in target/test-classes). */
    private static Path classesDir() throws URISyntaxException {
        return jarOf(LsmEngine.class);
    }

    private static Path jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleReference engineModule() throws URISyntaxException {
        Path classes = classesDir();
        assertThat(classes.resolve("module-info.class")).as("compiled descriptor").exists();
        return ModuleFinder.of(classes).find(MODULE).orElseThrow();
    }

    private static Set<String> union(Set<String> a, String b) {
        Set<String> s = new TreeSet<>(a);
        s.add(b);
        return s;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
