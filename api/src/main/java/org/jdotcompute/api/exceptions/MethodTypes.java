package org.jdotcompute.api.exceptions;

import java.lang.invoke.MethodType;

/** Boxing of primitive types. */
final class MethodTypes {
    private MethodTypes() {
    }

    static Class<?> box(Class<?> type) {
        return MethodType.methodType(type).wrap().returnType();
    }
}
