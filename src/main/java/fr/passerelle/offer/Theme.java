package fr.passerelle.offer;

/** The domains of the convention's autonomy project, shared by offers and good practices. */
public enum Theme {
    HOUSING,
    HEALTH,
    MOBILITY,
    TRAINING,
    EMPLOYMENT,
    RESOURCES,
    CITIZENSHIP
}
