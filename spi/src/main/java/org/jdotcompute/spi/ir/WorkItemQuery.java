package org.jdotcompute.spi.ir;

/** A {@code KernelContext} query; each takes a constant dimension 0, 1 or 2 and yields an {@code INT}. */
public enum WorkItemQuery {
    /** {@code globalId(d)} */ GLOBAL_ID,
    /** {@code localId(d)} */ LOCAL_ID,
    /** {@code groupId(d)} */ GROUP_ID,
    /** {@code globalSize(d)} */ GLOBAL_SIZE,
    /** {@code localSize(d)} */ LOCAL_SIZE,
    /** {@code numGroups(d)} */ NUM_GROUPS
}
