package fr.passerelle.platform.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Turns Bean Validation violations into field errors addressed by JSON Pointer. */
public final class Violations {

    private Violations() {
    }

    /** The JSON Pointer of a violation's property path, below {@code prefix}. */
    public static String pointer(String prefix, Path path) {
        StringBuilder pointer = new StringBuilder(prefix);
        for (Path.Node node : path) {
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT
                    && node.getKind() != ElementKind.BEAN) {
                continue;
            }
            if (node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            } else if (node.getKey() != null) {
                pointer.append('/').append(node.getKey());
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                pointer.append('/').append(node.getName());
            }
        }
        return pointer.toString();
    }

    public static List<Problem.FieldError> fieldErrors(String prefix, Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(violation -> Problem.FieldError.atPointer(pointer(prefix, violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::pointer))
                .toList();
    }

    /** A 422 naming every invalid field. */
    public static ApiException invalid(List<Problem.FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(error -> error.pointer() + ": " + error.detail()).toList());
        return new ApiException(ProblemType.VALIDATION_FAILED, detail, errors);
    }
}
