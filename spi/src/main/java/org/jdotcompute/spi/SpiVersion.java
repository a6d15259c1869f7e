package org.jdotcompute.spi;

/** The SPI's version. A provider reporting another {@link BackendProvider#spiVersion()} is not used. */
public final class SpiVersion {
    /** The SPI version this engine implements. */
    public static final int CURRENT = 1;

    private SpiVersion() {
    }

    /** The version of {@code type}'s module (its descriptor) or jar (manifest), {@code ""} if none. */
    public static String versionOf(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed() && module.getDescriptor() != null) {
            var raw = module.getDescriptor().rawVersion();
            if (raw.isPresent()) {
                return raw.get();
            }
        }
        Package p = type.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "" : v;
    }
}
