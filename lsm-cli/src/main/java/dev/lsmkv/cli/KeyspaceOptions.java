package dev.lsmkv.cli;

import picocli.CommandLine.Option;

/** {@code --keyspace} and {@code --id-type}: read entities of the Spring starter's layout. */
final class KeyspaceOptions {

    @Option(names = "--keyspace", paramLabel = "NAME",
            description = "Read the Spring starter's layout: keys are entity ids of this keyspace, values are shown "
                    + "as the entity's stored JSON.")
    String keyspace;

    @Option(names = "--id-type", paramLabel = "auto|long|string|uuid", defaultValue = "auto",
            description = "How an id given with --keyspace is encoded (default ${DEFAULT-VALUE}: long if it is an "
                    + "integer, uuid if it looks like one, else string).", converter = IdTypeConverter.class)
    StarterLayout.IdType idType = StarterLayout.IdType.AUTO;

    static final class IdTypeConverter implements picocli.CommandLine.ITypeConverter<StarterLayout.IdType> {
        @Override
        public StarterLayout.IdType convert(String s) {
            return StarterLayout.IdType.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
