package adalab.optim.compose;

/** Where {@link Parts#divide} adds ε: outside the root, √s + ε, or inside it, √(s + ε). */
public enum Placement {
    OUTSIDE, INSIDE;

    String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
