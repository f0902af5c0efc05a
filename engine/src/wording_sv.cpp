// Svenska: the reports' own language and the default. Every Swedish word the reports
// print is here (see wording.hpp); the seed report's phrasing is the model.

#include <string>

#include "attain/wording.hpp"

namespace attain {

namespace {

// The evaluator's reasons are English phrases for diagnostics; Swedish commentary says
// them in Swedish.
std::string swedish_reason(std::string_view reason) {
  struct Phrase {
    std::string_view english;
    std::string_view swedish;
  };
  // Fixed reasons, and the endings of reasons that start with a quoted name.
  constexpr Phrase fixed[] = {
      {"division by zero", "division med noll"},
      {"a fixed column has no earlier period", "en angiven kolumn har ingen tidigare period"},
      {"no earlier period in the table", "tabellen har ingen tidigare period"},
      {"share needs one part and one whole", "share behöver en del och en helhet"},
      {"every value is not applicable", "inget av värdena är tillämpligt"},
      {"no value for the period compared with", "värdet att jämföra med saknas"},
  };
  constexpr Phrase endings[] = {
      {" is text, not a number", " är text, inte ett tal"},
      {" stands for several rows", " står för flera rader"},
      {" cannot be read", " kan inte läsas"},
      {" has no value for that period", " saknar värde för den perioden"},
      {" has no value", " saknar värde"},
  };
  if (reason.find("too large") != std::string_view::npos) return "talet blir för stort";
  for (const Phrase& p : fixed) {
    if (reason == p.english) return std::string(p.swedish);
  }
  for (const Phrase& p : endings) {
    if (reason.size() > p.english.size() && reason.substr(reason.size() - p.english.size()) == p.english) {
      return std::string(reason.substr(0, reason.size() - p.english.size())) + std::string(p.swedish);
    }
  }
  return std::string(reason);
}

}  // namespace

Wording swedish() {
  Wording w;
  w.language = Language::sv;
  w.decimal_mark = ",";
  w.group_separator = " ";
  w.months = {"januari", "februari", "mars",      "april",   "maj",      "juni",
              "juli",    "augusti",  "september", "oktober", "november", "december"};
  w.unit_days = " dagar";
  w.unit_hours = " timmar";
  w.point_one = "procentenhet";
  w.point_many = "procentenheter";
  w.day_one = "dag";
  w.day_many = "dagar";
  w.hour_one = "timme";
  w.hour_many = "timmar";

  w.verdicts = {"uppfyllt",       "ej uppfyllt", "nära målet",     "i fas",     "efter plan",
                "uppgift saknas", "mål ej satt", "ej tillämpligt", "inget mål", "fel"};
  w.trends = {"", "förbättring", "försämring", "oförändrat"};
  w.levels = {"Målområde", "Kommunövergripande mål", "Mål"};
  w.outcomes = {"stämmer", "inom avrundning", "stämmer inte", "utan uppgift", "fel"};
  w.colours = {"grönt", "gult", "rött"};
  w.per_year = " per år";
  w.target_not_set = "ej satt";
  w.green_target = "grönt {}";
  w.previous_short = "föreg.";
  w.full_year = "helåret {}";
  w.in_period = "i {}";
  w.in_year = "{}";
  w.rollup_all = "alla";
  w.rollup_at_least = "minst {}";
  w.rollup_at_least_share = "minst {} %";
  w.rollup_weighted = "viktat minst {} %";
  w.and_word = " och ";

  w.bound_above = "(över {})";
  w.bound_below = "(under {})";
  w.band_of_target = "{} % av målvärdet";
  w.the_value_compared = "det jämförda värdet";
  w.the_value_when = "värdet {} {}";
  w.green_band = "grönt intervall {}";
  w.target_noun = "målvärdet";
  w.annual_target_noun = "årsmålet";
  w.not_applicable = "ej tillämpligt";
  w.no_data = "uppgift saknas";
  w.no_data_marked = "uppgift saknas ({})";
  w.not_applicable_marked = "ej tillämpligt ({})";
  w.pending_marked = "uppgift väntas ({})";
  w.not_published_marked = "uppgift ännu inte publicerad ({})";
  w.confidential_marked = "uppgift skyddad av sekretess ({})";
  w.reason = swedish_reason;
  w.improved_from = ", en förbättring från {}";
  w.worsened_from = ", en försämring från {}";
  w.unchanged_from = ", oförändrat från {}";
  w.compared_with = ", jämfört med {}";

  w.met_sentence = "Målet är uppfyllt.";
  w.near_sentence = "Målet är nästan uppfyllt.";
  w.not_met_sentence = "Målet är inte uppfyllt.";
  w.in_band = "{0}: {1} {2} ligger i {3} ({4}){5}. {6}";
  w.target_set_when = "målvärdet fastställs {}";
  w.target_not_yet_set = "målvärdet är ännu inte fastställt";
  w.pending_value = "{0}: {1} {2}; {3}{4}.";
  w.pending_absent = "{0}: {1}; {2} {3}.";
  w.cannot_compute = "{0}: värdet kan inte beräknas ({1}).";
  w.no_target_value = "{0}: {1} {2}, inget målvärde angivet{3}.";
  w.no_target_absent = "{0}: inget målvärde angivet; {1} {2}.";
  w.no_comparison = "{0}: {1} {2}, men värdet att jämföra med saknas, så målvärdet kan inte bestämmas.";
  w.absent_value = "{0}: {1} {2}; {3}.";
  w.annual = "{0}: {1} hittills i år ligger {2} {3}{4}{5} förväntade {6} efter {7} av 12 månader{8}){9}.";
  w.on_track_for = "i fas med";
  w.near_to = "nära";
  w.behind_on = "efter";
  w.level_with = "i nivå med";
  w.below = "under";
  w.above = "över";
  w.by_profile = " enligt profilen {}";
  w.on_the_bound = "{0}: {1} ligger precis på gränsen för {2}";
  w.within_range = "{0}: {1} ligger inom {2}";
  w.reaches = "{0}: {1} når {2}";
  w.differs = "{0}: {1} är {2} {3} {4}";
  w.near_margin = ". Målet är nästan uppfyllt (inom marginalen {}).";

  w.budget_line = "{0}, {1}: {2} {3} mot {4} {5}";
  w.deviation_unknown = ", avvikelsen kan inte beräknas.";
  w.no_deviation = ", ingen avvikelse";
  w.deviation = ", {0} avvikelse på {1} tkr";
  w.favourable = "en positiv";
  w.unfavourable = "en negativ";
  w.significant_at_least = " (väsentlig, minst {} tkr)";
  w.significant = " (väsentlig)";
  w.below_materiality = " (under väsentlighetsgränsen {} tkr)";

  w.at_row_column = " (rad {}, kolumn {})";
  w.at_row = " (rad {})";
  w.at_column = " (kolumn {})";
  w.cannot_check = "{0}: kan inte kontrolleras, {1}.";
  w.against = "mot";
  w.check_pass = "{0}: {1} {2} {3} stämmer.";
  w.check_rounding = "{0}: {1} {2} {3} skiljer {4}, inom avrundning (tolerans {5}).";
  w.check_fail = "{0}: {1} {2} {3} skiljer {4}, stämmer inte.";
  w.rollup_none = "{}: ingen indikator kan bedömas";
  w.rollup_one = "{0}: {1} av 1 bedömd indikator uppfylld (krav: {2})";
  w.rollup_many = "{0}: {1} av {2} bedömda indikatorer uppfyllda (krav: {3})";
  w.rollup_rest = "; {} utan bedömning (mål eller uppgift saknas)";
  w.count_one = {"uppfyllt",
                 "ej uppfyllt",
                 "nära målet",
                 "i fas",
                 "efter plan",
                 "utan uppgift",
                 "med målvärde som ännu inte är fastställt",
                 "ej tillämpligt",
                 "utan målvärde",
                 "som inte kan beräknas"};
  w.count_many = {"uppfyllda",
                  "ej uppfyllda",
                  "nära målet",
                  "i fas",
                  "efter plan",
                  "utan uppgift",
                  "med målvärde som ännu inte är fastställt",
                  "ej tillämpliga",
                  "utan målvärde",
                  "som inte kan beräknas"};
  w.measures_one = "{} mått";
  w.measures_many = "{} mått";
  w.significant_deviations_one = "väsentlig budgetavvikelse";
  w.significant_deviations_many = "väsentliga budgetavvikelser";
  w.overall = "Totalt {}";

  w.period_line = "Period: {} ({} av 12 månader)";
  w.deviations_heading = "Väsentliga avvikelser";
  w.none = "Inga.";
  w.checks_heading = "Datakontroller";
  w.check_count = "{} {}: {} stämmer, {} inom avrundning, {} stämmer inte, {} utan uppgift, {} fel.";
  w.check_one = "kontroll";
  w.check_many = "kontroller";
  w.summary_heading = "Sammanfattning";
  w.inputs_heading = "Underlag";
  w.role_rules = "regler";
  w.role_data = "data";
  w.empty_cell = "(tom)";
  w.budget_reference = "budget {}";
  w.col_indicator = "Indikator";
  w.col_line = "Rad";
  w.col_verdict = "Bedömning";
  w.col_target = "Målvärde";
  w.col_deviation = "Avvikelse";
  w.col_check = "Kontroll";
  w.col_figures = "Uppgifter (fil:rad)";
  w.col_role = "Roll";
  w.col_file = "Fil";
  w.significant_marker = "väsentlig";

  w.html_contents = "Innehåll";
  w.html_key = "Så läses diagrammen:";
  w.html_key_bar = "utfall (färg efter bedömning)";
  w.html_key_target = "målvärde eller budget";
  w.html_key_expected = "förväntat hittills i år (årsmål)";
  w.html_key_tolerance = "nära målet (tolerans) eller inom väsentlighetsgränsen";
  w.html_key_series = "utveckling över perioderna, den senaste markerad";
  w.html_inputs_intro = "Framtagen med attain {} ur dessa filer (SHA-256 som sha256sum visar den).";
  w.html_indicators_caption = "Indikatorer";
  w.html_col_value = "Utfall";
  w.html_col_budget = "Budget";
  w.html_col_significant = "Väsentlig";
  w.html_col_trend = "Trend";
  w.html_col_chart = "Mot målet";
  w.html_col_budget_chart = "Mot budget";
  w.html_col_series = "Utveckling";
  w.html_col_outcome = "Resultat";
  w.html_col_sha = "SHA-256";
  w.html_col_bytes = "Byte";
  w.html_expected_cell = "förväntat hittills {}";
  w.html_no_chart = "inget tal att visa";
  w.html_chart_value = "Utfall {}";
  w.html_chart_target = "målvärde {}";
  w.html_chart_no_target = "inget målvärde";
  w.html_chart_expected = "förväntat hittills {} efter {} av 12 månader";
  w.html_chart_tolerance = "nära målet från {} till {}";
  w.html_chart_budget = "budget {}";
  w.html_chart_deviation = "avvikelse {}";
  w.html_chart_materiality = "väsentlighetsgräns {}";
  w.html_chart_scale = "skala från {} till {}";
  w.html_series = "Utveckling: {}";
  w.html_series_point = "{}: {}";
  w.html_series_missing = "saknas";
  w.x_title = "Förklaring: {} – {}";
  w.x_rule = "Regel";
  w.x_data = "Värden ur datasetet";
  w.x_none = "(inga)";
  w.x_column = "kolumn";
  w.x_steps = "Beräkning";
  w.x_verdict = "Bedömning: {} ({})";
  w.x_trend = "Trend: {}";
  w.x_commentary = "Kommentar";
  w.x_wording = "Formuleringen:";
  w.x_check_outcomes = {"stämmer", "stämmer inom avrundning", "stämmer inte",
                        "kan inte kontrolleras, uppgift saknas", "kan inte kontrolleras"};
  w.x_role_left = "vänster led";
  w.x_role_right = "höger led";
  w.x_role_outcome = "utfall";
  w.x_role_budget = "budget";
  w.x_role_reported = "redovisad avvikelse";
  w.x_role_previous = "föregående";
  w.x_role_value = "värde";
  w.x_role_input = "indata";
  w.x_role_compared = "jämförelsevärde";
  w.x_condition = "villkor: {} {} {}{}";
  w.x_for = " för {}";
  w.x_row = "rad {}";
  w.x_column_of = "kolumn {}";
  w.x_sides = "vänster led = {}, höger led = {}";
  w.x_difference = "{} {} {}: skillnad {}, tolerans {}";
  w.x_cannot_check = "kan inte kontrolleras: {}";
  w.x_deviation = "avvikelse = utfall − budget = {}";
  w.x_favourable_side = "gynnsam sida: {} är bättre; avvikelsen är {}";
  w.x_lower = "lägre";
  w.x_higher = "högre";
  w.x_favourable = "gynnsam";
  w.x_unfavourable = "ogynnsam";
  w.x_materiality = "väsentlighet: |{}| {} {} → {}";
  w.x_significant = "väsentlig";
  w.x_not_significant = "inte väsentlig";
  w.x_no_deviation = "avvikelsen kan inte beräknas: utfall eller budget saknas";
  w.x_computed = "värdet beräknas: {}";
  w.x_undetermined = "värdet kan inte bestämmas: {}";
  w.x_rounding_one = "avrundning till {} decimal: {} → {}";
  w.x_rounding_many = "avrundning till {} decimaler: {} → {}";
  w.x_band = "färgband: värdet ligger i bandet {}";
  w.x_no_target = "inget målvärde: ingen jämförelse";
  w.x_pending = "målvärdet är inte satt{}: ingen jämförelse";
  w.x_relative = "relativt mål: jämförelsevärdet {} {} {} = {}";
  w.x_annual = "årsmål pro rata: {} × {}/12 månader{} = {}";
  w.x_comparison = "jämförelse: {} {} {} {}";
  w.x_within = "inom";
  w.x_holds = "gäller";
  w.x_fails = "gäller inte";
  w.x_gap = "skillnad mot målet: {}";
  w.x_near = "inom toleransen {}: nära målet";
  w.x_trend_no_previous = "ingen (inget tidigare värde att jämföra med)";
  w.x_trend_no_direction = "ingen (riktning ej angiven)";
  w.x_trend_missing = "ingen (tidigare eller nuvarande värde saknas)";
  w.x_trend_line = "{}: {} mot {} ({}), {} är bättre";
  w.x_check_reason = "utfallet {} ger \"{}\"";
  w.r_no_budget = "utfall eller budget saknas";
  w.r_equal = "utfall = budget";
  w.r_deviation = "utfall − budget = {}, {} då {} är bättre";
  w.r_favourable = "gynnsamt";
  w.r_unfavourable = "ogynnsamt";
  w.r_significant = "|avvikelsen| når väsentlighetsgränsen {}";
  w.r_below = "|avvikelsen| under väsentlighetsgränsen {}";
  w.r_previous = "ett värde för föregående period finns";
  w.r_band = "färgband i stället för mål: värdet ligger i ett av dem";
  w.r_pending = "målvärdet är inte satt";
  w.r_missing = "värdet saknas";
  w.r_missing_why = "värdet saknas ({})";
  w.r_error = "värdet kunde inte beräknas: {}";
  w.r_no_target = "indikatorn har inget målvärde";
  w.r_relative = "relativt mål utan värde att jämföra med";
  w.r_target_named = "målet nämns ändå";
  w.r_annual = "årsmål mot värdet hittills i år, {}";
  w.r_expected = "förväntat efter {} av 12 månader";
  w.r_strict = "värdet är lika med en strikt gräns";
  w.r_exact = "värdet möter målet utan skillnad";
  w.r_gap = "skillnaden mot målet är {}";
  w.r_trend_none = "ett tidigare värde finns men ingen riktning att bedöma trenden efter";
  w.r_trend = "trenden är {}";
  w.r_met = "bedömningen är uppfyllt";
  w.r_not_met = "bedömningen är ej uppfyllt";
  w.r_near_band = "missen ryms i toleransen";
  w.r_near = "bedömningen är nära målet";
  w.q_in_band = "ligger i {} ({})";
  w.q_no_target = "inget målvärde angivet";
  w.q_no_comparison = "men värdet att jämföra med saknas";
  w.q_annual = "hittills i år ligger {} {}";
  w.q_expected = "förväntade {}";
  w.q_on_bound = "ligger precis på gränsen för {}";
  w.q_within = "ligger inom {}";
  w.q_reaches = "når {}";
  w.q_differs = "är {} {} {}";
  w.l_title = "Regelkatalog";
  w.l_rollup = "roll-up: {}";
  w.l_target = "mål: {}; {}; enhet {}; data {}{}{}";
  w.l_direction_higher = "högre är bättre";
  w.l_direction_lower = "lägre är bättre";
  w.l_direction_none = "riktning ej angiven";
  w.l_unit = "enhet";
  w.l_data = "data";
  w.l_computed = "beräknas: {}";
  w.l_cumulative = "; ackumulerat";
  w.l_compared_with = "; jämförs med {}";
  w.l_breakdown = "uppdelning {} ({}): {}";
  w.l_budget = "budget: tabell {}, utfall {}, budget {}; gynnsamt: {}; väsentlighet {}";
  w.l_favourable_higher = "högre";
  w.l_favourable_lower = "lägre";
  w.l_materiality_none = "ingen";
  w.l_checks = "Datakontroller";
  w.l_count = "{} indikatorer, {} budgetar, {} datakontroller, {} regeltester i {} regelfiler.";
  w.l_no_target = "inget mål";
  w.l_not_set = "mål ej satt{}";
  w.l_bands = "färgband, grönt {}";
  w.l_relative = "{} föregående värde {} {}";
  w.l_constant = " (konstanten {})";
  w.l_near = ", nära inom {}";
  w.l_near_percent = ", nära inom {} % av målet";
  w.l_profile = ", profil {}";
  w.l_previous_period = "föregående period";
  w.l_same_period = "samma period föregående år";
  w.l_named_period = "perioden {}";
  w.l_for_columns = " för kolumnerna {}";
  w.l_tolerance = ", tolerans {}";
  w.l_col_id = "Id";
  w.l_col_indicator = "Indikator";
  w.l_col_target = "Målvärde";
  w.l_col_direction = "Riktning";
  w.l_col_unit = "Enhet";
  w.l_col_data = "Data";
  w.l_col_rule = "Regel";
  w.l_col_condition = "Villkor";
  w.d_title = "Jämförelse: {} ({}) → {} ({})";
  w.d_changed = "Ändrade bedömningar ({})";
  w.d_value = "värde {} → {}";
  w.d_against = ", mot {}";
  w.d_against_changed = ", mot {} → {}";
  w.d_before = "före";
  w.d_now = "nu";
  w.d_added = "Nya resultat ({})";
  w.d_removed = "Borttagna resultat ({})";
  w.d_unchanged = "{} resultat med samma bedömning.";
  w.d_kind_indicator = "indikator";
  w.d_kind_budget_line = "budgetrad";
  w.d_kind_check = "datakontroll";
  w.d_kind_group = "grupp";
  w.s_evaluated_one = "Sammanställning: {} dataset utvärderat";
  w.s_evaluated_many = "Sammanställning: {} dataset utvärderade";
  w.s_not_evaluated_count = ", {} kunde inte utvärderas";
  w.s_not_evaluated = "ej utvärderat: {}";
  w.s_line = "{0} ({1})";
  w.s_family_one = "{0} ({1}, familj med {2} medlem)";
  w.s_family_many = "{0} ({1}, familj med {2} medlemmar)";
  w.s_units_one = "{} enhet";
  w.s_units_many = "{} enheter";
  w.s_no_indicators = "Regeluppsättningen har inga indikatorer.";
  return w;
}

}  // namespace attain
