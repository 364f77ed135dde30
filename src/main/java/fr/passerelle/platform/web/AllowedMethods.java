package fr.passerelle.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP methods each resource path accepts, read from the JAX-RS annotations of the resource
 * beans. Quarkus REST answers 405 without the {@code Allow} header that RFC 9110 requires; the
 * problem mapper adds it from here.
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private record Route(Pattern path, String method) {
    }

    private final List<Route> routes = new ArrayList<>();

    public AllowedMethods(BeanManager beans) {
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass)
                .filter(type -> type.isAnnotationPresent(Path.class))
                .distinct()
                .forEach(this::addRoutes);
    }

    /** The methods accepted at a path relative to the application root, with HEAD and OPTIONS as Quarkus serves them. */
    public Set<String> at(String path) {
        String normalised = normalise(path);
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(normalised).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        if (!methods.isEmpty()) {
            methods.add(HttpMethod.OPTIONS);
        }
        return methods;
    }

    private void addRoutes(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        for (Method method : resource.getMethods()) {
            String httpMethod = httpMethod(method);
            if (httpMethod != null) {
                Path path = method.getAnnotation(Path.class);
                routes.add(new Route(toPattern(path == null ? base : base + "/" + path.value()), httpMethod));
            }
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }

    private static Pattern toPattern(String template) {
        String normalised = normalise(template);
        StringBuilder regex = new StringBuilder();
        Matcher parameter = TEMPLATE_PARAMETER.matcher(normalised);
        int start = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(normalised.substring(start, parameter.start())));
            regex.append('(').append(parameter.group(1) == null ? "[^/]+" : parameter.group(1).trim()).append(')');
            start = parameter.end();
        }
        regex.append(Pattern.quote(normalised.substring(start)));
        return Pattern.compile(regex.toString());
    }

    private static String normalise(String path) {
        String collapsed = ("/" + path).replaceAll("/{2,}", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }
}
