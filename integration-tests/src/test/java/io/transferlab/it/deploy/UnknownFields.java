package io.transferlab.it.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields of a typed fabric8 object that its model does not know (kept in additionalProperties):
 * a misspelled key in a template, such as {@code readinesProbe}, shows up here.
 */
final class UnknownFields {
    private UnknownFields() {}

    static List<String> of(Object object) {
        List<String> unknown = new ArrayList<>();
        walk(object, object.getClass().getSimpleName(), unknown, 0);
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, int depth) {
        if (node == null
                || depth > 30
                || node instanceof GenericKubernetesResource
                || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                    unknown.add(path + " " + map.keySet());
                }
            } else if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    walk(item, path + "." + getter.getName().substring(3) + "[" + i++ + "]", unknown, depth + 1);
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) ->
                        walk(v, path + "." + getter.getName().substring(3) + "[" + k + "]", unknown, depth + 1));
            } else {
                walk(value, path + "." + getter.getName().substring(3), unknown, depth + 1);
            }
        }
    }
}
