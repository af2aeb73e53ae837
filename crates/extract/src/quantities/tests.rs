use super::*;

fn sentences(text: &str) -> Vec<Sentence> {
    crate::sentences::split(text)
}

fn counts(text: &str) -> Vec<Quantity> {
    let q = annotate(text, &sentences(text));
    for x in &q {
        assert_eq!(text.get(x.span.start..x.span.end), Some(x.text.as_str()));
    }
    q
}

/// (text, value, low, high, unit, outcome) of a count.
type Brief = (String, Option<u64>, Option<u64>, Option<u64>, Option<String>, Option<Outcome>);

fn brief(text: &str) -> Vec<Brief> {
    counts(text).into_iter().map(|q| (q.text, q.value, q.low, q.high, q.unit, q.outcome)).collect()
}

/// The killed and injured an article of `text` reports, best values.
fn read(text: &str) -> (Option<u64>, Option<u64>) {
    let sents = sentences(text);
    let c = casualties(text, &sents, &annotate(text, &sents));
    (c.killed.and_then(|c| c.best()), c.injured.and_then(|c| c.best()))
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn hedges_become_bounds() {
    let q = counts("He said that more than 15 small rockets hit the base.");
    assert_eq!(q.len(), 1);
    assert_eq!((q[0].value, q[0].low, q[0].high), (Some(15), Some(16), None));
    assert_eq!(q[0].qualifier.as_deref(), Some("more than"));
    assert_eq!(q[0].unit.as_deref(), Some("rocket"));
    assert_eq!(q[0].text, "more than 15 small rockets");

    let q = counts("Camp Taji was hit by between 15 and 30 Katyusha rockets on Wednesday.");
    assert_eq!((q[0].value, q[0].low, q[0].high), (None, Some(15), Some(30)));
    assert_eq!((q[0].qualifier.as_deref(), q[0].unit.as_deref()), (Some("between"), Some("rocket")));

    let q = counts("About 40 people were hurt and nearly 40 others were arrested.");
    assert_eq!((q[0].low, q[0].high, q[0].outcome), (Some(36), Some(44), Some(Outcome::Injured)));
    assert_eq!((q[1].low, q[1].high, q[1].outcome), (Some(36), Some(39), Some(Outcome::Arrested)));

    let q = counts("Up to two dozen troops and dozens of civilians were evacuated.");
    assert_eq!((q[0].value, q[0].low, q[0].high), (Some(24), None, Some(24)));
    assert_eq!((q[1].value, q[1].low, q[1].unit.as_deref()), (None, Some(24), Some("civilian")));
}

#[test]
fn seed_injured_with_a_part() {
    let text = "Army Gen. Mark Milley said 14 other coalition troops were injured in the attack, including five who required urgent care.";
    let q = counts(text);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!((q[0].value, q[0].unit.as_deref(), q[0].outcome), (Some(14), Some("troop"), Some(Outcome::Injured)));
    assert_eq!((q[1].value, q[1].part_of, q[1].detail.as_deref()), (Some(5), Some(0), Some("seriously")));
    assert_eq!(q[1].outcome, Some(Outcome::Injured));
}

#[test]
fn seed_killed_with_national_parts_and_injured_others() {
    let text = "A volley of rockets struck the Camp Taji military base in Iraq on the evening of March 11, killing three US-led coalition service members, two of them Americans and one British, and injuring 12 others.";
    let q = counts(text);
    let got: Vec<_> =
        q.iter().map(|q| (q.value, q.unit.as_deref(), q.outcome, q.part_of, q.detail.as_deref())).collect();
    assert_eq!(
        got,
        [
            (Some(3), Some("service member"), Some(Outcome::Killed), None, None),
            (Some(2), Some("service member"), Some(Outcome::Killed), Some(0), Some("US")),
            (Some(1), Some("service member"), Some(Outcome::Killed), Some(0), Some("GB")),
            (Some(12), Some("service member"), Some(Outcome::Injured), None, None),
        ]
    );
}

#[test]
fn seed_coordinated_outcomes() {
    let text = "Local medical sources said that four Iraqi anti-government protesters were killed and 80 injured.";
    assert_eq!(
        brief(text),
        [
            (
                "four Iraqi anti-government protesters".into(),
                Some(4),
                Some(4),
                Some(4),
                s("protester"),
                Some(Outcome::Killed)
            ),
            ("80 injured".into(), Some(80), Some(80), Some(80), s("protester"), Some(Outcome::Injured)),
        ]
    );
}

#[test]
fn seed_brain_injuries_and_no_deaths() {
    let text = "Iran responded with missile attacks on Ain Al Assad air base in Anbar that caused no deaths but left more than 100 United States soldiers with mild traumatic brain injuries.";
    let q = brief(text);
    assert_eq!(q[0], ("no deaths".into(), Some(0), Some(0), Some(0), s("death"), Some(Outcome::Killed)));
    assert_eq!(
        q[1],
        (
            "more than 100 United States soldiers".into(),
            Some(100),
            Some(101),
            None,
            s("soldier"),
            Some(Outcome::Injured)
        )
    );
    let text = "In the following weeks, these 'no casualties' steadily turned into at least 110. All of them received traumatic brain injury.";
    let q = counts(text);
    assert_eq!((q[0].value, q[0].unit.as_deref()), (Some(0), Some("casualty")));
}

#[test]
fn a_new_figure_for_a_count_named_before() {
    let q = brief("In the following weeks, these 'no casualties' steadily turned into at least 110.");
    assert_eq!(q[1], ("at least 110".into(), Some(110), Some(110), None, s("casualty"), None));
    let q = brief("The death toll rose to 12 on Friday.");
    assert_eq!(q, [("12".into(), Some(12), Some(12), Some(12), s("death"), Some(Outcome::Killed))]);
    // Without a change verb, a bare number counts nothing.
    assert!(brief("The deaths were reported and then at least 110.").iter().all(|b| b.0 != "at least 110"));
}

#[test]
fn seed_calibre_is_not_the_count() {
    let q = brief("It was forty 107mm barrels installed on the back of a Kia Bongo truck.");
    assert_eq!(q, [("forty 107mm barrels".into(), Some(40), Some(40), Some(40), s("barrel"), None)]);
    assert_eq!(counts("Most of them led to no casualties.")[0].value, Some(0));
}

#[test]
fn not_counts() {
    for text in [
        "A 17-year-old was charged on March 11, 2020 at 7:30 p.m.",
        "Call 555-1234 or (202) 555-0100 with tips.",
        "Police found him in the 4800 block of Madyson Ridge Dr around 9 p.m.",
        "The suspect, 25, paid $500 for the .45-caliber pistol, 40 percent more.",
        "Since 2019 the city has recorded 12 days without a shooting.",
        "He was sentenced to 15 years. No. 3 was retired.",
        "He was arrested in connection with the Jan. 28 death of his neighbor.",
        "An 8 yo girl was hurt. October 17, 2014 HOMICIDES AND ASSAULTS.",
        "Police said he killed 90,280 deer in three days.",
    ] {
        assert_eq!(brief(text), [], "{text}");
    }
}

#[test]
fn number_words() {
    let q = counts("One hundred and five people were injured, forty-two were killed and a dozen were missing.");
    let got: Vec<_> = q.iter().map(|q| (q.value, q.outcome)).collect();
    assert_eq!(
        got,
        [(Some(105), Some(Outcome::Injured)), (Some(42), Some(Outcome::Killed)), (Some(12), Some(Outcome::Missing))]
    );
    let q = counts("Half a dozen gunmen and 2,500 troops arrived; 3 million people watched.");
    let got: Vec<_> = q.iter().map(|q| (q.value, q.unit.as_deref())).collect();
    assert_eq!(got, [(Some(6), Some("gunman")), (Some(2500), Some("troop")), (Some(3_000_000), Some("person"))]);
}

#[test]
fn shot_counts_and_fatal_parts() {
    let text = "Four people were shot Sunday night, one fatally.";
    let q = counts(text);
    assert_eq!((q[0].value, q[0].outcome), (Some(4), None));
    assert_eq!((q[1].value, q[1].part_of, q[1].outcome), (Some(1), Some(0), Some(Outcome::Killed)));
    let c = casualties(text, &sentences(text), &q);
    assert_eq!(c.killed.and_then(|c| c.value), Some(1));
    assert_eq!(c.injured.and_then(|c| c.value), Some(3));

    // The subject's act is not the count's fate.
    let text = "Police said the man who shot four people, killing one, was arrested.";
    let q = counts(text);
    assert_eq!((q[0].value, q[0].outcome), (Some(4), None));
    assert_eq!((q[1].value, q[1].outcome), (Some(1), Some(Outcome::Killed)));
    let c = casualties(text, &sentences(text), &q);
    assert_eq!((c.killed.and_then(|c| c.best()), c.injured.and_then(|c| c.best())), (Some(1), Some(3)));
}

#[test]
fn an_apposition_of_ages_stands_between_a_count_and_its_fate() {
    let q = counts("Four other teenagers, ages 13 to 17, sustained what police say are non-life threatening injuries.");
    assert_eq!((q[0].value, q[0].outcome), (Some(4), Some(Outcome::Injured)));
    let q = counts("Two men, aged 19 and 22, were killed.");
    assert_eq!((q[0].value, q[0].outcome), (Some(2), Some(Outcome::Killed)));
}

#[test]
fn people_named_one_by_one_are_counted() {
    assert_eq!(
        read("Officials say a Virginia man, his wife and their two daughters died from gunshot wounds.").0,
        Some(4)
    );
    assert_eq!(read("Police said he and his 2 kids were found dead in the car.").0, Some(3));
    assert_eq!(read("A man and his 7-month-old daughter were found dead.").0, Some(2));
    assert_eq!(read("A woman and a child were wounded.").1, Some(2));
    // A list of what is not people counts nothing.
    assert_eq!(read("A car, a house and a shed were hit; one man died.").0, Some(1));
}

#[test]
fn article_casualties() {
    let cases: [(&str, Option<u64>, Option<u64>); 11] = [
        ("A man was shot and killed Tuesday night on the east side.", Some(1), None),
        ("A teen was shot in the leg Friday. He is expected to survive.", None, Some(1)),
        ("Two children were injured when a gun went off.", None, Some(2)),
        ("Four Iraqi protesters were killed and 80 injured.", Some(4), Some(80)),
        ("The attack led to no casualties.", Some(0), Some(0)),
        ("Police said no one was hurt. Nobody was arrested.", None, Some(0)),
        ("The council met on Tuesday to discuss the budget.", None, None),
        ("A young father and his 7-month-old daughter were found dead in a car.", Some(2), None),
        ("He was charged with attempted murder. The victim is in stable condition.", None, Some(1)),
        (
            "Five people were killed and at least 17 others wounded across the city this weekend. \
          A man was killed and two others were wounded on Main Street.",
            Some(1),
            Some(2),
        ),
        ("Two men were shot. Police said no other injuries were reported.", Some(0), Some(2)),
    ];
    for (text, killed, injured) in cases {
        let sents = sentences(text);
        let c = casualties(text, &sents, &annotate(text, &sents));
        assert_eq!((c.killed.and_then(|c| c.best()), c.injured.and_then(|c| c.best())), (killed, injured), "{text}");
    }
}

#[test]
fn never_panics_and_spans_hold() {
    for text in [
        "",
        "no",
        "between 5 and",
        "1,00,0 men",
        "99999999999999999999999 troops",
        "a\u{2019}s 3\u{301} ü 5-",
        "€5 ½ people",
    ] {
        let _ = counts(text);
        let _ = annotate(text, &[Sentence { span: Span { start: 1, end: 99 }, paragraph: 0 }]);
    }
}

#[test]
fn headline_counts_win_and_fill() {
    let text = "A man was shot on Main Street on Sunday. He died at the hospital.";
    let sents = sentences(text);
    let body = casualties(text, &sents, &annotate(text, &sents));
    assert_eq!(body.killed.map(|c| c.source), Some(CountSource::Sentence(1)));
    let both = body.with_headline("2 dead, 3 hurt in Main Street shooting");
    assert_eq!(both.killed.map(|c| (c.best(), c.source)), Some((Some(2), CountSource::Headline)));
    assert_eq!(both.injured.map(|c| (c.best(), c.source)), Some((Some(3), CountSource::Headline)));
    let filled = body.with_headline("Man dies after Main Street shooting");
    assert_eq!(filled.killed, body.killed);
    // Headlinese counts people shot with no noun: "4 shot", "Five Shot".
    let text = "One victim was taken to a hospital.";
    let sents = sentences(text);
    let body = casualties(text, &sents, &annotate(text, &sents));
    // ... which says how many were hit, not that none died.
    let text = "Six people were shot, two of them fatally.";
    let sents = sentences(text);
    let c = casualties(text, &sents, &annotate(text, &sents)).with_headline("Six shot outside church");
    assert_eq!((c.killed.and_then(|c| c.best()), c.injured.and_then(|c| c.best())), (Some(2), Some(4)));
    for headline in ["4 shot in northwest Atlanta", "Five Shot During Party At Banquet Hall"] {
        let c = body.with_headline(headline);
        assert_eq!(c.injured.and_then(|c| c.best()), Some(if headline.starts_with('4') { 4 } else { 5 }), "{headline}");
    }
}

#[test]
fn gunshots_are_no_people_shot() {
    for text in ["Deputies say one shot was fired.", "He fired one shot into the air.", "Two shots rang out."] {
        assert_eq!(read(text).1, None, "{text}");
    }
    assert_eq!(read("Police said two were shot.").1, Some(2));
}

#[test]
fn a_killer_who_killed_himself_after_the_people_listed_counts_too() {
    assert_eq!(read("A man shot and killed his wife, son and daughter before killing himself.").0, Some(4));
    assert_eq!(read("A man shot and killed his wife, son and daughter before fleeing.").0, Some(3));
}

#[test]
fn one_left_dead_and_another_injured() {
    let text = "The shooting left a 7-year-old girl dead and her 8-year-old friend injured.";
    assert_eq!(read(text), (Some(1), Some(1)));
}

#[test]
fn one_of_several_keeps_the_outcome_to_the_one() {
    let q = counts("One of five victims in the Overtown shooting dies.");
    let five = q.iter().find(|q| q.value == Some(5)).expect("five");
    assert_eq!(five.outcome, None);
}

proptest::proptest! {
    #[test]
    fn spans_hold_on_any_text(text in "(?s)(\\PC|[0-9 ,.-]|more than |no |killed |injured |shot |and ){0,60}") {
        let sents = sentences(&text);
        let q = annotate(&text, &sents);
        for x in &q {
            proptest::prop_assert_eq!(text.get(x.span.start..x.span.end), Some(x.text.as_str()));
            proptest::prop_assert!(x.part_of.is_none_or(|p| p < q.len()));
            proptest::prop_assert!(x.sentence < sents.len().max(1));
        }
        let _ = casualties(&text, &sents, &q).with_headline(&text);
    }
}

#[test]
fn an_event_named_with_its_number_of_victims_counts_them() {
    assert_eq!(read("Police are investigating a triple homicide on the east side.").0, Some(3));
    assert_eq!(read("The quadruple-murder suspect appeared in court on Monday.").0, Some(4));
    assert_eq!(read("A double fatal shooting happened overnight.").0, Some(2));
    assert_eq!(brief("No one was arrested after the quadruple shooting.").last().map(|b| b.1), Some(Some(4)));
    // No event noun, no count: "double the number", "a double-digit lead".
    assert!(brief("Shootings in the city doubled, and a double-digit rise followed.").is_empty());
    assert!(brief("He was charged with double jeopardy.").is_empty());
}

#[test]
fn negated_subjects_and_appositions() {
    // "None of them": the clause's subject is a negative, however far.
    assert_eq!(read("A teen died after being shot. None of them appeared to have been injured."), (Some(1), None));
    // An apposition of members does not hide what happened to the count.
    assert_eq!(
        read("Four victims, including a 5-year-old boy, were found shot to death inside the home on Tuesday."),
        (Some(4), None)
    );
    // People shot across many incidents are no count of one.
    assert_ne!(read("Seven people, including 4 juveniles, shot in 3 separate shootings.").1, Some(7));
}

#[test]
fn one_survivor_beside_the_dead() {
    for text in [
        "Three people were killed, and another injured in a shooting at the motel late Saturday night.",
        "A fatal shooting has left one child dead, and another critically injured.",
        "A 50-year-old man was shot and killed; a second man was critically injured.",
        "They are accused of shooting and killing a boy and critically wounding his father after a car chase.",
    ] {
        assert_eq!(read(text).1, Some(1), "{text}");
    }
    // "fatally" is no survivor's adverb.
    assert_eq!(read("A man was fatally injured on Main Street.").1, None);
}

#[test]
fn a_list_of_people_shot_counts_them_all() {
    assert_eq!(read("Officials said two boys and two girls were shot in Opa-locka Monday night."), (Some(0), Some(4)));
    // Items after the first may share its determiner, or be an age alone.
    for (text, n) in [
        ("Her mom and cousin were both shot in the head.", 2),
        ("A 59-year-old man, 49-year-old woman and 53-year-old man were shot in the leg.", 3),
        ("A drive-by shooting injured three adults and an 11-year-old on Sunday.", 4),
    ] {
        assert_eq!(read(text).1, Some(n), "{text}");
    }
    // Each named in a clause of its own.
    let text =
        "During the shooting, a 20-year-old woman was shot in the back and a 5-year-old boy was shot in the arm.";
    assert_eq!(read(text).1, Some(2));
    // A pronoun is someone named before.
    let text = "A 3-year-old boy was critically wounded when he was accidentally shot in the head.";
    assert_eq!(read(text).1, Some(1));
}

#[test]
fn a_fatal_wound_is_no_injury() {
    let text = "Four men were sitting in a parked car when a gun went off, fatally wounding the victim.";
    assert_eq!(read(text), (Some(1), None));
}

#[test]
fn either_fate_is_neither_count() {
    for text in [
        "A boy died on Sunday. Since Easter, at least eight youths have been injured or killed by gunfire.",
        "A boy died on Sunday. Eight have been hurt or killed by gunfire this year.",
    ] {
        assert_eq!(read(text), (Some(1), None), "{text}");
    }
}

#[test]
fn one_hurt_who_later_died_is_no_survivor() {
    let text = "The child was taken to a hospital in serious condition but later died, police said.";
    assert_eq!(read(text), (Some(1), None));
    let text = "The woman was treated at the scene and rushed to a hospital, where she succumbed to her injuries.";
    assert_eq!(read(text), (Some(1), None));
}

#[test]
fn gunshot_wounds_say_who_was_hit() {
    // The dead had them: no one else was hurt.
    let text = "Three people were found dead in the house. All three had suffered gunshot wounds.";
    assert_eq!(read(text), (Some(3), Some(0)));
    // Others than the dead had them.
    let text = "A man died after he and four others were shot in front of a home.";
    assert_eq!(read(text), (Some(1), Some(4)));
    let text = "Two men died at the scene. Three others suffered gunshot wounds.";
    assert_eq!(read(text), (Some(2), Some(3)));
}

#[test]
fn a_headline_of_one_shot_is_the_one_the_body_says_died() {
    let text = "The 15-year-old girl died at the hospital, police said.";
    let sents = sentences(text);
    let body = casualties(text, &sents, &annotate(text, &sents));
    let c = body.with_headline("Girl, 15, shot in Queens was play wrestling when gun fired");
    assert_eq!((c.killed.and_then(|c| c.best()), c.injured.and_then(|c| c.best())), (Some(1), None));
    // With no death in the body, the headline's one shot is the injured.
    let text = "Police are looking for the gunman.";
    let sents = sentences(text);
    let body = casualties(text, &sents, &annotate(text, &sents));
    let c = body.with_headline("Girl, 15, shot in Queens");
    assert_eq!(c.injured.and_then(|c| c.best()), Some(1));
}

#[test]
fn a_death_named_by_its_noun_and_a_negative_of_another_clause() {
    assert_eq!(read("The parents will not be charged in the March 1 death of his best friend.").0, Some(1));
    assert_eq!(read("Gun owner not liable in Rock Falls teen's death.").0, Some(1));
    let text = "Paramedics rushed him to the hospital, but Kaleb didn't make it and was pronounced dead.";
    assert_eq!(read(text).0, Some(1));
    assert_eq!(read("Police said the boy was not killed.").0, None, "a negative of its own clause");
}
