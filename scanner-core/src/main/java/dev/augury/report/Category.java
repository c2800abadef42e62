package dev.augury.report;

import java.util.List;

/** The finding categories of MISSION.md. A finding's category is a string so rule packs can add more. */
public final class Category {
    public static final String ERA_SHIFT = "era-shift";
    public static final String LATENT_PERSONA = "latent-persona";
    public static final String TRIGGER_BACKDOOR = "trigger-backdoor";
    public static final String INDUCTIVE_BACKDOOR = "inductive-backdoor";
    public static final String MISALIGNMENT = "misalignment";
    public static final String DATA_QUALITY = "data-quality";

    public static final List<String> ALL = List.of(ERA_SHIFT, LATENT_PERSONA, TRIGGER_BACKDOOR, INDUCTIVE_BACKDOOR,
            MISALIGNMENT, DATA_QUALITY);

    private Category() {
    }
}
