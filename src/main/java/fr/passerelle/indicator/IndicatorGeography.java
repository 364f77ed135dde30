package fr.passerelle.indicator;

import fr.passerelle.partner.DepartementService;
import fr.passerelle.partner.DepartementView;
import fr.passerelle.partner.MissionLocaleService;
import fr.passerelle.partner.MissionLocaleView;
import fr.passerelle.platform.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The territorial tree the figures are placed in: nation, regions, collectivities (reference data,
 * read once) and Missions Locales (read from the directory when needed, since it changes).
 */
@ApplicationScoped
public class IndicatorGeography {

    private final DepartementService departements;
    private final MissionLocaleService missionsLocales;
    private volatile Map<String, String> regionByDepartement;
    private volatile Map<String, String> nameByDepartement;

    public IndicatorGeography(DepartementService departements, MissionLocaleService missionsLocales) {
        this.departements = departements;
        this.missionsLocales = missionsLocales;
    }

    /** The region of a collectivity, or null for an unknown code. */
    public String regionOf(String departementCode) {
        return departementCode == null ? null : regions().get(departementCode);
    }

    /** The name of a collectivity, or null for an unknown code. */
    String nameOf(String departementCode) {
        regions();
        return departementCode == null ? null : nameByDepartement.get(departementCode);
    }

    /** Every collectivity code, in code order. */
    List<String> departementCodes() {
        return regions().keySet().stream().sorted().toList();
    }

    boolean isDepartement(String code) {
        return regions().containsKey(code);
    }

    boolean isRegion(String code) {
        return regions().containsValue(code);
    }

    /** Collectivities by region, both in code order. */
    Map<String, List<String>> departementsByRegion() {
        Map<String, TreeSet<String>> grouped = new TreeMap<>();
        regions().forEach((departement, region) -> grouped.computeIfAbsent(region, r -> new TreeSet<>()).add(departement));
        Map<String, List<String>> result = new TreeMap<>();
        grouped.forEach((region, codes) -> result.put(region, List.copyOf(codes)));
        return result;
    }

    /** Every Mission Locale of the directory with its collectivity. */
    Map<String, String> departementByMissionLocale() {
        Map<String, String> result = new HashMap<>();
        String cursor = null;
        do {
            Page<MissionLocaleView> page = missionsLocales.list(new MissionLocaleService.Filter(null, null, null, null, null), cursor, 500);
            for (MissionLocaleView missionLocale : page.items()) {
                result.put(missionLocale.id().toString(), missionLocale.departementCode());
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return result;
    }

    boolean isMissionLocale(UUID id) {
        return missionsLocales.get(id).isPresent();
    }

    private Map<String, String> regions() {
        Map<String, String> current = regionByDepartement;
        if (current == null) {
            Map<String, String> loaded = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            for (DepartementView departement : departements.list(null)) {
                loaded.put(departement.code(), departement.region().code());
                names.put(departement.code(), departement.name());
            }
            nameByDepartement = Map.copyOf(names);
            current = Map.copyOf(loaded);
            regionByDepartement = current;
        }
        return current;
    }
}
