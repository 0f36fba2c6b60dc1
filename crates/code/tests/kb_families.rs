//! The built-in knowledge base (`kb/native`) on families of expressions: each case is a
//! sentence written for this test and the event (source, target, CAMEO code) the verb
//! dictionary, synsets and actor names must give it, so that a change to `kb/` that loses a
//! family, or codes it as another one, fails here. The sentences are ours; each family is
//! tested with a few verbs and phrasings rather than one.

use detente_code::{Coder, CoderOptions};
use detente_dict::codebook::Codebook;
use detente_text::Analyzer;

/// Codes `text` (dated `date`, YYYYMMDD) with the built-in knowledge base and the CLI's
/// default options; returns `(source, target, cameo)` of every event.
fn code(text: &str, date: u32) -> Vec<(String, String, String)> {
    let coder = Coder::new(
        detente_dict::builtin::shared(),
        Codebook::builtin(),
        CoderOptions::default(),
    );
    let mut out = Vec::new();
    for analysis in Analyzer::new().analyze(text) {
        for event in coder.code(&analysis, date) {
            out.push((
                event.source.to_string(),
                event.target.to_string(),
                event.cameo.to_string(),
            ));
        }
    }
    out
}

/// Asserts that every `(sentence, source, target, cameo)` case yields that event.
fn check(cases: &[(&str, &str, &str, &str)]) {
    let mut failures = Vec::new();
    for &(text, source, target, cameo) in cases {
        let events = code(text, 20000101);
        let wanted = (source.to_string(), target.to_string(), cameo.to_string());
        if !events.contains(&wanted) {
            failures.push(format!(
                "{text:?}: wanted {source} {target} {cameo}, got {events:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn protests_name_their_target_with_in_protest_of_or_against() {
    check(&[
        (
            "Kenyan teachers began a hunger strike in protest against the Kenyan government.",
            "KENEDU",
            "KENGOV",
            "142",
        ),
        (
            "Students staged a sit-in in protest of Israel's decision to close the university.",
            "ISREDU",
            "ISR",
            "144",
        ),
        (
            "Greek farmers held a rally in protest at the European Union's farm policy.",
            "GRCAGR",
            "IGOEUREEC",
            "141",
        ),
        (
            "French farmers blocked roads in protest against the French government.",
            "FRAAGR",
            "FRAGOV",
            "144",
        ),
        (
            "Egyptian workers went on strike in protest of the Egyptian government's wage policy.",
            "EGYLAB",
            "EGYGOV",
            "143",
        ),
    ]);
}

/// "strike" alone is also an attack (`&attack`); after "continue" or "call off" in a
/// protest context it must not become fighting or a military de-escalation.
#[test]
fn labour_and_hunger_strikes_are_not_attacks() {
    check(&[
        (
            "Tibetan refugees are continuing a hunger strike in protest of the Chinese government's policy.",
            "CHNREF",
            "CHNGOV",
            "142",
        ),
        (
            "Nigerian teachers called off a four-day strike after meetings with the Nigerian government.",
            "NGAEDU",
            "NGAGOV",
            "082",
        ),
    ]);
}

#[test]
fn troops_offered_or_sent_to_a_force_are_protection_not_mobilisation() {
    check(&[
        (
            "Bangladesh offered troops to the United Nations force in Sierra Leone.",
            "BGD",
            "IGOUNO",
            "0334",
        ),
        (
            "Ghana pledged to send troops to Liberia.",
            "GHA",
            "LBR",
            "0334",
        ),
        (
            "Fiji contributed 500 troops to a multinational force in Lebanon.",
            "FJI",
            "LBN",
            "074",
        ),
        (
            "Pakistan sent troops to the peace-keeping force in Liberia.",
            "PAK",
            "LBR",
            "074",
        ),
    ]);
}

#[test]
fn joint_exercises_and_war_games_are_military_cooperation() {
    check(&[
        (
            "Jordan and Egypt launched joint military exercises in the Red Sea.",
            "JOR",
            "EGY",
            "062",
        ),
        (
            "Indonesia launched war games with Australia.",
            "IDN",
            "AUS",
            "062",
        ),
        (
            "India held naval manoeuvres with France.",
            "IND",
            "FRA",
            "062",
        ),
    ]);
}

#[test]
fn curfews_are_imposed_and_eased() {
    check(&[
        (
            "The Nepalese government shortened the curfew in Kathmandu.",
            "NPLGOV",
            "NPL",
            "0813",
        ),
        (
            "The Thai army ended the curfew in Bangkok.",
            "THAMIL",
            "THA",
            "0813",
        ),
        (
            "The Nigerian government imposed a curfew on Kano.",
            "NGAGOV",
            "NGA",
            "1723",
        ),
    ]);
}

#[test]
fn expulsions_from_homes_are_mass_expulsions() {
    check(&[
        (
            "The Serbian army forced thousands of ethnic Albanians from their homes.",
            "SRBMIL",
            "ALB",
            "201",
        ),
        (
            "Zimbabwe forced British journalists out of the country.",
            "ZWE",
            "GBRMED",
            "174",
        ),
    ]);
}

#[test]
fn denying_permission_is_a_rejection_not_a_denial_of_responsibility() {
    check(&[
        (
            "China denied visas to Japanese journalists.",
            "CHN",
            "JPNMED",
            "120",
        ),
        (
            "Russia denied permission to Georgian aircraft.",
            "RUS",
            "GEOMIL",
            "120",
        ),
    ]);
}

#[test]
fn complaints_over_someones_acts_target_that_someone() {
    check(&[(
        "Lebanon complained to the United Nations about Israeli air raids.",
        "LBN",
        "ISR",
        "114",
    )]);
}

#[test]
fn weapons_made_to_use_against_someone_are_threats() {
    check(&[
        (
            "The militants were manufacturing chemical weapons to use against Israel.",
            "ISRREB",
            "ISR",
            "1385",
        ),
        (
            "Iraq stockpiled weapons to use against Kuwait.",
            "IRQ",
            "KWT",
            "138",
        ),
        (
            "The rebels vowed to fight against the Sudanese government.",
            "SDNREB",
            "SDNGOV",
            "138",
        ),
    ]);
}

#[test]
fn pressure_to_act_is_a_demand_and_closing_a_newspaper_is_censorship() {
    check(&[
        (
            "Iranian authorities pressured the bus workers to cancel their strike.",
            "IRNGOV",
            "IRNLAB",
            "100",
        ),
        (
            "The Nicaraguan government ordered the opposition newspaper to suspend publication.",
            "NICGOV",
            "NICOPPMED",
            "1721",
        ),
        (
            "Japan donated medical supplies to Haiti.",
            "JPN",
            "HTI",
            "073",
        ),
    ]);
}

#[test]
fn historical_country_names_code_as_their_country() {
    check(&[
        (
            "The Kampuchean government accused Thailand of shelling its villages.",
            "KHMGOV",
            "THA",
            "112",
        ),
        (
            "North Vietnam accused the United States.",
            "VNM",
            "USA",
            "112",
        ),
        ("Tanganyika criticized Britain.", "TZA", "GBR", "111"),
        (
            "The East German government criticized West Germany.",
            "DDRGOV",
            "DEU",
            "111",
        ),
    ]);
}

#[test]
fn exchanging_ambassadors_and_handing_over_aid() {
    check(&[
        (
            "Israel exchanged ambassadors with Egypt.",
            "ISR",
            "EGY",
            "054",
        ),
        (
            "Israel and Jordan exchanged ambassadors.",
            "JOR",
            "ISR",
            "054",
        ),
        (
            "The Red Cross handed over relief supplies to Somali villagers.",
            "NGOIRC",
            "SOMCVL",
            "073",
        ),
        (
            "Pakistan handed over the suspect to the United States.",
            "PAK",
            "USA",
            "063",
        ),
    ]);
}

/// Joining, taking part in or attending an event is doing it; the nouns of expelling name
/// the event ("Israel's expulsion of ...").
#[test]
fn joining_an_event_and_noun_forms() {
    check(&[
        (
            "Students joined a sit-in against the Thai government.",
            "THAEDU",
            "THAGOV",
            "144",
        ),
        (
            "Thai troops joined the peacekeeping force in East Timor.",
            "THAMIL",
            "TLS",
            "074",
        ),
        (
            "Syria participated in negotiations with Israel.",
            "SYR",
            "ISR",
            "046",
        ),
        (
            "Turkish warships participated in joint exercises with the Israeli navy.",
            "TURMIL",
            "ISRMIL",
            "062",
        ),
        (
            "The United Nations condemned Israel's expulsion of Palestinian activists.",
            "ISR",
            "PSEOPP",
            "174",
        ),
    ]);
}

/// A hunger strike or sit-in is declared, held or simply "on", with its target.
#[test]
fn hunger_strikes_and_sit_ins_declared_held_or_on() {
    check(&[
        (
            "Kurdish prisoners declared a hunger strike against the Turkish government.",
            "TURKURCVL",
            "TURGOV",
            "142",
        ),
        (
            "Palestinian prisoners are on hunger strike in protest against Israel.",
            "PSECVL",
            "ISR",
            "142",
        ),
        (
            "Students held a sit-in against the Egyptian government.",
            "EGYEDU",
            "EGYGOV",
            "144",
        ),
    ]);
}

#[test]
fn hardware_units_and_trades_stand_for_their_forces_and_sectors() {
    check(&[
        (
            "Israeli tanks shelled the town of Rafah.",
            "ISRMIL",
            "PSE",
            "194",
        ),
        (
            "Israeli army bulldozers razed Palestinian farmland in Gaza.",
            "ISRMIL",
            "PSE",
            "1712",
        ),
        (
            "Syrian planes bombed rebel positions in Aleppo.",
            "SYRMIL",
            "SYRREB",
            "195",
        ),
        (
            "Israeli patrols fired at Lebanese shepherds.",
            "ISRMIL",
            "LBNAGR",
            "193",
        ),
        (
            "Iraqi armed tribesmen kidnapped two Italian engineers.",
            "IRQUAF",
            "ITA",
            "181",
        ),
        (
            "Vigilantes attacked Nigerian police in Lagos.",
            "NGAUAF",
            "NGACOP",
            "190",
        ),
        (
            "Kenyan supporters of the opposition clashed with Kenyan police.",
            "KENOPP",
            "KENCOP",
            "190",
        ),
        (
            "Syrian rebel sympathizers protested against the Syrian government.",
            "SYRREB",
            "SYRGOV",
            "141",
        ),
        (
            "The Kenyan electoral commission rejected the demands of the Kenyan opposition.",
            "KENGOV",
            "KENOPP",
            "120",
        ),
        (
            "Truck drivers blocked roads in protest against the French government.",
            "FRALAB",
            "FRAGOV",
            "144",
        ),
    ]);
}

#[test]
fn aid_agencies_expelled_and_crowds_teargassed_or_barred() {
    check(&[
        (
            "Indonesia expelled the UN refugee agency.",
            "IDN",
            "IGOUNOREF",
            "1663",
        ),
        (
            "Egyptian police teargassed protesters in Cairo.",
            "EGYCOP",
            "EGYOPP",
            "175",
        ),
        (
            "Israel barred Palestinian lawmakers from entering Jerusalem.",
            "ISR",
            "PSELEG",
            "172",
        ),
    ]);
}

#[test]
fn intercepting_ships_restricts_movement_intercepting_rockets_codes_nothing() {
    check(&[
        (
            "The Israeli navy intercepted a Turkish aid flotilla.",
            "ISRMIL",
            "TUR",
            "191",
        ),
        (
            "Israeli warships intercepted a Lebanese fishing boat.",
            "ISRMIL",
            "LBN",
            "191",
        ),
        (
            "Iran intercepted two American naval vessels.",
            "IRN",
            "USAMIL",
            "191",
        ),
    ]);
    assert!(code("Israel intercepted rockets fired from Gaza.", 20000101).is_empty());
}
