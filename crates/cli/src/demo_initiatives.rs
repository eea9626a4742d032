//! Fictional initiatives for the demo territory: archetypes of social innovation, replicated in
//! towns across France, some copied from others over three generations. Deterministic (a fixed
//! seed), so two demo databases are alike. No real organisation is presented as taking part.

use essaim_domain::initiative::{
    BudgetRange, Ingredients, InitiativeContent, Licence, Recipe, Stage, Status, StructureRole,
};
use essaim_domain::opendata::InitiativeRecord;
use essaim_domain::territory::{Territories, TerritoryLevel, TerritoryRef};
use essaim_store::{utc_now, RevisionNote, Store};
use uuid::Uuid;

struct Archetype {
    title: &'static str,
    summary: &'static str,
    description: &'static str,
    challenges: &'static [&'static str],
    publics: &'static [&'static str],
    resources: &'static [&'static str],
    skills: &'static [&'static str],
    steps: &'static [&'static str],
    pitfalls: &'static [&'static str],
    success: &'static [&'static str],
    budget: BudgetRange,
}

const ARCHETYPES: &[Archetype] = &[
    Archetype {
        title: "Jardins partagés",
        summary: "Des jardins partagés cultivés par les habitants au pied des immeubles, ouverts aux écoles et aux voisins.",
        description: "Les habitants d'un quartier cultivent ensemble des parcelles prêtées par la commune.\n\n**Chaque samedi**, une permanence accueille les nouveaux jardiniers ; les récoltes sont partagées entre les familles et une épicerie solidaire.",
        challenges: &["alimentation", "inclusion", "transition-ecologique"],
        publics: &["habitants du quartier", "familles", "écoles"],
        resources: &["un terrain prêté par la commune", "un point d'eau", "un abri pour les outils"],
        skills: &["jardinage", "animation de groupe"],
        steps: &["Réunir les voisins intéressés", "Obtenir une convention d'occupation", "Dessiner les parcelles ensemble", "Organiser les permanences", "Fêter la première récolte"],
        pitfalls: &["Ne pas négliger l'arrosage pendant l'été", "Prévoir des règles de vie simples dès le début"],
        success: &["Un noyau de cinq jardiniers réguliers", "Le soutien des services techniques de la commune"],
        budget: BudgetRange::Under5k,
    },
    Archetype {
        title: "Repair café",
        summary: "Un atelier mensuel où des bénévoles aident chacun à réparer ses objets plutôt que de les jeter.",
        description: "Grille-pain, vélos, vêtements, ordinateurs : les bénévoles transmettent leurs savoir-faire.\n\nL'atelier réduit les déchets et crée du lien entre générations.",
        challenges: &["economie-circulaire", "solidarite-intergenerationnelle"],
        publics: &["tous publics", "retraités bénévoles"],
        resources: &["une salle prêtée un samedi par mois", "des outils de base", "une assurance"],
        skills: &["électricité", "couture", "mécanique"],
        steps: &["Recruter des bénévoles réparateurs", "Trouver une salle", "Communiquer dans le quartier", "Tenir un registre des réparations"],
        pitfalls: &["Bien expliquer que l'on répare avec la personne, pas à sa place", "Vérifier l'assurance pour les appareils électriques"],
        success: &["Des bénévoles fidèles", "Un accueil chaleureux avec café et gâteaux"],
        budget: BudgetRange::Under5k,
    },
    Archetype {
        title: "Épicerie solidaire",
        summary: "Une épicerie associative où les personnes aux revenus modestes achètent des produits de qualité à petit prix.",
        description: "Les produits viennent de producteurs locaux et de dons. Un accompagnement budgétaire est proposé aux clients qui le souhaitent.",
        challenges: &["alimentation", "inclusion", "egalite-des-chances"],
        publics: &["étudiants", "familles monoparentales", "personnes âgées isolées"],
        resources: &["un local commercial", "une chambre froide", "un véhicule de collecte"],
        skills: &["gestion de stock", "accompagnement social"],
        steps: &["Étudier les besoins avec les services sociaux", "Trouver des producteurs partenaires", "Aménager le local", "Former les bénévoles à l'accueil"],
        pitfalls: &["Éviter la stigmatisation des clients", "Anticiper la chaîne du froid"],
        success: &["Un partenariat solide avec le centre communal d'action sociale", "Une mixité des clients"],
        budget: BudgetRange::From20kTo100k,
    },
    Archetype {
        title: "Atelier vélo participatif",
        summary: "Un atelier où chacun apprend à entretenir son vélo, avec des vélos remis en état pour les personnes en insertion.",
        description: "L'atelier récupère des vélos abandonnés, les répare avec des salariés en insertion et les loue à petit prix.",
        challenges: &["mobilite", "emploi-insertion", "economie-circulaire"],
        publics: &["salariés en insertion", "étudiants", "habitants sans voiture"],
        resources: &["un atelier de 80 m²", "des pièces détachées", "des vélos donnés"],
        skills: &["mécanique cycle", "encadrement technique"],
        steps: &["Collecter des vélos", "Recruter un encadrant technique", "Ouvrir des permanences", "Lancer la location solidaire"],
        pitfalls: &["Le stockage prend vite toute la place", "Prévoir le financement du poste d'encadrant"],
        success: &["Un lien fort avec les associations d'insertion", "Des horaires adaptés aux salariés"],
        budget: BudgetRange::From5kTo20k,
    },
    Archetype {
        title: "Tiers-lieu rural",
        summary: "Un ancien commerce de bourg devenu café, espace de travail partagé et lieu de services pour les habitants.",
        description: "Le tiers-lieu accueille un café associatif, des bureaux partagés, une permanence France services et des ateliers numériques.",
        challenges: &["cohesion-territoires-ruralite", "numerique-inclusif", "culture"],
        publics: &["habitants du bourg", "télétravailleurs", "associations locales"],
        resources: &["un bâtiment en centre-bourg", "une connexion à très haut débit", "du mobilier de récupération"],
        skills: &["animation de lieu", "gestion associative"],
        steps: &["Mobiliser les habitants autour du projet", "Négocier le bâtiment avec la commune", "Rénover en chantier participatif", "Ouvrir le café", "Accueillir les premiers services"],
        pitfalls: &["Ne pas dépendre d'une seule subvention", "Définir clairement la gouvernance"],
        success: &["Une programmation régulière", "Des habitants associés aux décisions"],
        budget: BudgetRange::Over100k,
    },
    Archetype {
        title: "Cantine intergénérationnelle",
        summary: "Des repas partagés entre écoliers et aînés, cuisinés avec des produits locaux par une équipe en insertion.",
        description: "Deux fois par semaine, les aînés du quartier déjeunent avec les enfants de l'école. Les repas sont préparés par un chantier d'insertion.",
        challenges: &["solidarite-intergenerationnelle", "alimentation", "emploi-insertion"],
        publics: &["écoliers", "aînés isolés", "salariés en insertion"],
        resources: &["une cuisine équipée", "une salle de restauration", "des producteurs locaux"],
        skills: &["cuisine collective", "hygiène alimentaire"],
        steps: &["Associer l'école et le club des aînés", "Construire les menus avec une diététicienne", "Organiser le transport des aînés"],
        pitfalls: &["Les normes sanitaires de la restauration collective", "Le transport des personnes à mobilité réduite"],
        success: &["Des enseignants convaincus", "Des moments d'échange au-delà du repas"],
        budget: BudgetRange::From20kTo100k,
    },
    Archetype {
        title: "Médiation numérique itinérante",
        summary: "Un minibus équipé qui va de village en village pour aider les habitants dans leurs démarches en ligne.",
        description: "Des médiateurs numériques accompagnent les habitants pour leurs démarches administratives et les initient aux outils du quotidien.",
        challenges: &["numerique-inclusif", "cohesion-territoires-ruralite", "inclusion"],
        publics: &["personnes âgées", "demandeurs d'emploi", "habitants des villages"],
        resources: &["un minibus aménagé", "des ordinateurs portables", "une connexion mobile"],
        skills: &["médiation numérique", "connaissance des démarches administratives"],
        steps: &["Cartographier les besoins avec les mairies", "Équiper le véhicule", "Établir une tournée régulière", "Former les médiateurs"],
        pitfalls: &["La couverture réseau dans les zones blanches", "Respecter la confidentialité des données des personnes"],
        success: &["Une tournée régulière et annoncée", "Un relais dans chaque mairie"],
        budget: BudgetRange::From20kTo100k,
    },
    Archetype {
        title: "Habitat partagé seniors",
        summary: "Une maison où des seniors autonomes vivent ensemble, avec des espaces communs et un accompagnement léger.",
        description: "Chaque habitant a son logement ; une salle commune, un jardin et une coordinatrice favorisent l'entraide.",
        challenges: &["habitat", "solidarite-intergenerationnelle", "sante"],
        publics: &["seniors autonomes", "familles des habitants"],
        resources: &["un bâtiment adapté", "un bailleur social partenaire", "une coordinatrice à mi-temps"],
        skills: &["gestion locative", "animation gérontologique"],
        steps: &["Constituer le groupe des futurs habitants", "Trouver un bailleur", "Concevoir les espaces communs", "Rédiger la charte de vie"],
        pitfalls: &["Anticiper la perte d'autonomie", "Le coût des espaces communs dans les loyers"],
        success: &["Des habitants impliqués dès la conception", "Un partenariat avec le service d'aide à domicile"],
        budget: BudgetRange::Over100k,
    },
    Archetype {
        title: "Ressourcerie",
        summary: "Une recyclerie qui collecte, répare et revend meubles et objets, en créant des emplois d'insertion.",
        description: "La ressourcerie sensibilise au réemploi et propose des ateliers de relooking de meubles.",
        challenges: &["economie-circulaire", "emploi-insertion", "transition-ecologique"],
        publics: &["salariés en insertion", "habitants", "étudiants"],
        resources: &["un entrepôt", "un camion", "une boutique"],
        skills: &["logistique", "menuiserie", "vente"],
        steps: &["Conventionner avec la collectivité pour la collecte", "Aménager l'entrepôt", "Recruter l'équipe", "Ouvrir la boutique"],
        pitfalls: &["Le tri prend plus de temps que prévu", "Trouver un modèle économique durable"],
        success: &["Des prix accessibles", "Des ateliers qui font venir de nouveaux publics"],
        budget: BudgetRange::Over100k,
    },
    Archetype {
        title: "Covoiturage solidaire",
        summary: "Des conducteurs bénévoles emmènent les habitants sans voiture vers leurs rendez-vous médicaux et leurs courses.",
        description: "Une plateforme téléphonique met en relation les demandes et les conducteurs, avec une participation aux frais modeste.",
        challenges: &["mobilite", "cohesion-territoires-ruralite", "sante"],
        publics: &["personnes âgées", "personnes sans permis", "habitants isolés"],
        resources: &["une ligne téléphonique", "un logiciel de planification", "une assurance"],
        skills: &["coordination de bénévoles", "accueil téléphonique"],
        steps: &["Recruter des conducteurs bénévoles", "Fixer la participation aux frais", "Faire connaître le service dans les mairies"],
        pitfalls: &["Les demandes de dernière minute", "Fidéliser les conducteurs"],
        success: &["Une coordination réactive", "La confiance des médecins et pharmaciens"],
        budget: BudgetRange::Under5k,
    },
];

/// A small deterministic generator (xorshift), enough to vary demo data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Communes of over 8,000 people, a spread of towns across many départements.
fn towns(territories: &Territories) -> Vec<TerritoryRef> {
    let mut list: Vec<_> = territories
        .iter()
        .filter(|t| t.level == TerritoryLevel::Commune && t.population.unwrap_or(0) > 8_000)
        .map(|t| t.reference())
        .collect();
    list.sort();
    list
}

/// Adds `count` initiatives carried by `structures`, written by `authors`.
pub async fn seed(
    store: &dyn Store,
    count: usize,
    authors: &[Uuid],
    structures: &[Uuid],
) -> anyhow::Result<usize> {
    let territories = Territories::bundled();
    let towns = towns(territories);
    let mut rng = Rng(0x5eed_e55a_1b0c_2026);
    // The latest initiative of each archetype: new ones of the same kind often copy it, so
    // lineages grow several generations deep.
    let mut last_of: Vec<Vec<Uuid>> = vec![vec![]; ARCHETYPES.len()];
    let mut licence_of: std::collections::HashMap<Uuid, Licence> = std::collections::HashMap::new();
    let mut batch: Vec<(Uuid, InitiativeRecord)> = Vec::with_capacity(count);
    let stages = [
        Stage::Idee,
        Stage::Experimentation,
        Stage::Consolidation,
        Stage::Essaimage,
    ];
    let licences = [
        Licence::CcBySa4,
        Licence::CcBySa4,
        Licence::CcBy4,
        Licence::Cc0,
    ];
    for n in 0..count {
        let kind = n % ARCHETYPES.len();
        let a = &ARCHETYPES[kind];
        let town = &towns[rng.below(towns.len())];
        let town_name = territories
            .get(town)
            .map(|t| t.name.clone())
            .unwrap_or_default();
        let mut structures_of = vec![];
        if !structures.is_empty() && rng.below(3) > 0 {
            structures_of.push((
                structures[rng.below(structures.len())],
                StructureRole::Porteur,
            ));
        }
        let content = InitiativeContent {
            title: format!("{} de {}", a.title, town_name),
            summary: a.summary.to_owned(),
            description: a.description.to_owned(),
            challenges: a.challenges.iter().map(|c| (*c).to_owned()).collect(),
            territories: vec![town.clone()],
            stage: stages[rng.below(stages.len())],
            publics: a.publics.iter().map(|p| (*p).to_owned()).collect(),
            structures: structures_of,
            links: vec![],
            licence: licences[rng.below(licences.len())],
            recipe: Recipe {
                ingredients: Ingredients {
                    resources: a.resources.iter().map(|s| (*s).to_owned()).collect(),
                    skills: a.skills.iter().map(|s| (*s).to_owned()).collect(),
                    partners: vec![format!("la mairie de {town_name}")],
                    budget_range: Some(a.budget),
                    duration: format!("{} mois", 3 + rng.below(18)),
                },
                steps: a.steps.iter().map(|s| (*s).to_owned()).collect(),
                pitfalls: a.pitfalls.iter().map(|s| (*s).to_owned()).collect(),
                success_factors: a.success.iter().map(|s| (*s).to_owned()).collect(),
            },
        };
        // Copies keep their source's licence, as a fork does.
        let source = (!last_of[kind].is_empty() && rng.below(3) == 0)
            .then(|| last_of[kind][rng.below(last_of[kind].len())]);
        let mut content = content;
        if let Some(src) = source {
            content.licence = licence_of[&src];
        }
        let status = if rng.below(12) == 0 {
            Status::Draft
        } else {
            Status::Published
        };
        let id = Uuid::now_v7();
        licence_of.insert(id, content.licence);
        if status == Status::Published {
            last_of[kind].push(id);
        }
        let now = utc_now();
        // One author per archetype: a copy and its source then share an author, so each
        // author's batch below holds its own lineages whole.
        let author = authors[kind % authors.len()];
        batch.push((
            author,
            InitiativeRecord {
                id,
                status,
                forked_from: source,
                created_at: now,
                updated_at: now,
                content,
            },
        ));
    }
    // One transaction per author: thousands of rows a second instead of one commit each.
    for author in authors {
        let records: Vec<InitiativeRecord> = batch
            .iter()
            .filter(|(a, _)| a == author)
            .map(|(_, r)| r.clone())
            .collect();
        store
            .import_initiatives(&records, Some(*author), "création", &|_| {})
            .await?;
    }
    // A second revision on some of the first ones, so that histories have something to show.
    for (author, r) in batch
        .iter()
        .take(400)
        .filter(|(_, r)| r.id.as_u128() % 4 == 0)
    {
        let mut edited = r.content.clone();
        edited
            .recipe
            .pitfalls
            .push("Prendre le temps d'évaluer après six mois".into());
        let note = RevisionNote {
            author_id: *author,
            message: "ajout d'un point de vigilance".into(),
            at: utc_now(),
        };
        store.update_initiative(r.id, &edited, note).await?;
    }
    Ok(count)
}
