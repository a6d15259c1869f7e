package org.jdotcompute.backend.cuda;

/** Lets tests in other packages of this module load JCuda natives through the backend's loader. */
public final class JCudaNativesAccess {
    private JCudaNativesAccess() {
    }

    /** Loads JCuda's statically linked PTX compiler (needs no GPU and no driver). */
    public static void loadPtxCompiler() {
        JCudaNatives.load(JCudaNatives.Library.PTX_COMPILER);
    }
}
