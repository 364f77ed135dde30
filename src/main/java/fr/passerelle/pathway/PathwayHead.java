package fr.passerelle.pathway;

import java.time.LocalDate;
import java.util.UUID;

/** What the write path needs of a pathway before folding its events; {@code erased} once its personal data was erased. */
record PathwayHead(UUID id, String departementCode, String caseReference, LocalDate birthDate, boolean erased) {
}
