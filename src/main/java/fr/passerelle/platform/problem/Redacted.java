package fr.passerelle.platform.problem;

/**
 * Stands for an unexpected exception in the log: its class chain and stack trace, without the
 * messages, which can quote personal data from the request or from SQL errors.
 */
final class Redacted extends RuntimeException {

    private Redacted(Throwable original, Throwable cause) {
        super(original.getClass().getName(), cause, false, true);
        setStackTrace(original.getStackTrace());
    }

    static Redacted of(Throwable original) {
        Throwable cause = original.getCause() == null || original.getCause() == original ? null : of(original.getCause());
        return new Redacted(original, cause);
    }
}
