package fr.passerelle.partner;

/** Whether a member of Départements de France is a département or another collectivity with its competences. */
public enum DepartementKind {
    DEPARTEMENT,
    COLLECTIVITE
}
