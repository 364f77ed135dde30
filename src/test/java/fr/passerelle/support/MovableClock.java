package fr.passerelle.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in every test: the system clock, unless a test moves it, e.g. to
 * register someone years ago and record their steps at ages a registration today cannot reach.
 * Time keeps flowing from the instant it was moved to. A test that moves it puts it back after.
 */
@Singleton
@Alternative
@Priority(1)
public class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves to noon, Europe/Paris, on that day. */
    public void moveTo(LocalDate day) {
        offset = Duration.between(Instant.now(), day.atTime(12, 0).atZone(Pathways.PARIS).toInstant());
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
