package fr.passerelle.platform.web;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads integer, boolean, UUID, instant, date and enum query parameters, and integer path parameters (a year), strictly.
 * JAX-RS answers 404 to a query or path parameter it cannot convert, and reads any word but "true" as false; a bad
 * parameter is a 400 naming it.
 * Quarkus REST wraps the converter's exception; {@code ProblemMapper} unwraps it.
 */
@Provider
public class StrictQueryParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParameterName(annotations);
        if (name == null) {
            String path = pathParameterName(annotations);
            return path != null && (rawType == Integer.class || rawType == int.class)
                    ? (ParamConverter<T>) converter(path, "an integer", Integer::valueOf) : null;
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, "an integer", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, "an integer", Long::valueOf);
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) converter(name, "true or false", StrictQueryParameters::parseBoolean);
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, "a UUID", UUID::fromString);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) converter(name, "an RFC 3339 instant, e.g. 2025-01-31T23:00:00Z", value -> {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(e);
                }
            });
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, "a date, e.g. 2025-01-31", value -> {
                try {
                    return LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(e);
                }
            });
        }
        if (rawType.isEnum()) {
            String expected = "one of " + Arrays.toString(rawType.getEnumConstants());
            return (ParamConverter<T>) converter(name, expected, value -> enumConstant(rawType, value));
        }
        return null;
    }

    private static String queryParameterName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
        }
        return null;
    }

    private static String pathParameterName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof PathParam path) {
                return path.value();
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String value) {
        return Enum.valueOf((Class) type, value);
    }

    private static Boolean parseBoolean(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException(value);
    }

    private static <T> ParamConverter<T> converter(String name, String expected, Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                try {
                    return parse.apply(value.trim());
                } catch (IllegalArgumentException e) {
                    throw new ApiException(ProblemType.MALFORMED_REQUEST, name + " must be " + expected + ".",
                            List.of(Problem.FieldError.atParameter(name, "must be " + expected)));
                }
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }
        };
    }
}
