package dev.lsmkv.spring.autoconfigure;

import dev.lsmkv.engine.CorruptionException;
import dev.lsmkv.engine.LsmException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns an engine that cannot open into Boot's "APPLICATION FAILED TO START" summary with the
 * action to take, instead of a long stack trace: a directory locked by another engine, a
 * directory that is not a store, a file written by a newer lsmkv, a corrupt file. Bad
 * {@code lsm.*} values need nothing here: they fail as {@code BindException} or
 * {@code InvalidConfigurationPropertyValueException} naming the property, which Boot's own
 * analyzers describe.
 *
 * <p>The engine has one exception type for these cases; they are told apart by its messages
 * (LsmFailureAnalyzerTests checks each against the exception the engine really throws).
 * Registered in {@code META-INF/spring.factories}.
 */
final class LsmFailureAnalyzer extends AbstractFailureAnalyzer<LsmException> {

    private static final String GUIDE = "See docs/operations.md, \"When something goes wrong\".";

    private final Environment environment;

    LsmFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LsmException cause) {
        String message = String.valueOf(cause.getMessage());
        String dataDir = environment.getProperty("lsm.data-dir", "./lsm-data (the default)");
        String description = "The lsm engine could not open its data directory (lsm.data-dir = " + dataDir + "):\n\n    "
                + message;
        String action;
        if (cause instanceof CorruptionException corruption) {
            action = "A file of the store failed verification" + (corruption.file() == null ? "" : " (" + corruption.file() + ")")
                    + " and was left untouched. Restore the data directory from a backup: stop the application, "
                    + "replace lsm.data-dir with a copy of a checkpoint (taken with POST /actuator/lsm "
                    + "{\"action\":\"checkpoint\",\"name\":\"...\"} under lsm.backup-dir), and start again. " + GUIDE;
        } else if (message.contains("is locked")) {
            action = "Another engine has this directory open: stop the other application (or close the other "
                    + "LsmEngine) using it, or set lsm.data-dir to a different directory. Only one engine may "
                    + "open a directory at a time. In tests, leave lsm.data-dir unset: each test context then "
                    + "gets a temporary directory.";
        } else if (message.contains("newer")) {
            action = "A file in the directory was written by a newer lsmkv than this one. Run the application "
                    + "with that newer lsmkv version, or set lsm.data-dir to a store written by this version "
                    + "(for example a checkpoint taken before the upgrade). " + GUIDE;
        } else if (message.contains("not an lsmkv store")) {
            action = "Set lsm.data-dir to an empty or new directory (it is created when missing). If this "
                    + "directory is an lsmkv store whose CURRENT file was lost, restore it from a backup. " + GUIDE;
        } else {
            action = "Check that lsm.data-dir is a readable and writable directory on a healthy disk with free "
                    + "space, then start again. " + GUIDE;
        }
        return new FailureAnalysis(description, action, cause);
    }
}
