"""French word lists the demo draws names, addresses and titles from.

Works are either classics, widely sold series named as a bookshop would list them, or invented
(artists, films, shows, companies), so that no demo event pretends a real person is performing.
"""

FIRST_NAMES = [
    "Adam", "Aïcha", "Alexis", "Alice", "Amine", "Anaïs", "Arthur", "Awa", "Axel", "Bastien",
    "Bérénice", "Camille", "Chloé", "Clara", "Clément", "Dylan", "Éléonore", "Elias", "Emma",
    "Enzo", "Erwan", "Eva", "Fatoumata", "Gabriel", "Gaspard", "Hugo", "Ibrahim", "Inès", "Iris",
    "Jade", "Jules", "Julia", "Kenza", "Kylian", "Léa", "Léna", "Léo", "Liam", "Lina", "Lisa",
    "Louis", "Louise", "Lucas", "Lucie", "Maël", "Maëlys", "Manon", "Marius", "Maya", "Mehdi",
    "Mila", "Moussa", "Nathan", "Noah", "Nolan", "Nour", "Océane", "Paul", "Rayan", "Romane",
    "Rose", "Sacha", "Salomé", "Sarah", "Simon", "Soline", "Tess", "Théo", "Thomas", "Timéo",
    "Tom", "Valentin", "Victor", "Yanis", "Yasmine", "Youssef", "Zoé", "Lilou", "Nina", "Malo",
    "Gwenaëlle", "Tanguy", "Soizic", "Loïc", "Morgane", "Ronan", "Katell", "Émilie", "Killian",
    "Wendy", "Shaïna", "Kevin", "Loane", "Naïa", "Joaquim", "Matéo", "Lou", "Ambre", "Capucine",
]

LAST_NAMES = [
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval",
    "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun",
    "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
    "Le Goff", "Le Gall", "Kerouac", "Le Bihan", "Quéré", "Tanguy", "Kervella", "Le Floch",
    "Schmitt", "Weber", "Schneider", "Klein", "Wagner", "Hoffmann", "Koenig", "Diallo", "Traoré",
    "Diop", "Benali", "Haddad", "Mendy", "Ngoma", "Nguyen", "Tran", "Da Silva", "Pereira",
    "Ferreira", "Santos", "Lopez", "Martinez", "Sanchez", "Bouvier", "Jean-Baptiste", "Horth",
    "Volney", "Chocho", "Ribal", "Vidal", "Fabre", "Combes", "Julien", "Cros", "Bousquet",
]

STREETS = [
    "rue Victor Hugo", "rue Jean Jaurès", "avenue de la République", "rue Gambetta",
    "boulevard Pasteur", "avenue du Général de Gaulle", "rue de la Paix", "rue des Écoles",
    "rue Nationale", "avenue de la Gare", "quai du Port", "rue Saint-Michel", "rue Jules Ferry",
    "rue Émile Zola", "place Voltaire", "rue de Verdun", "avenue Louise Michel",
    "rue Jean Moulin", "rue des Arts", "place du Marché", "rue Kléber", "avenue Foch",
    "boulevard Clemenceau", "rue du Château", "rue de l'Église", "impasse des Tilleuls",
    "allée des Peupliers", "chemin des Vignes", "rue Pierre Curie", "rue Marie Curie",
    "rue Aimé Césaire", "rue Olympe de Gouges", "place de la Liberté", "rue des Lilas",
    "boulevard Jean Moulin", "rue du Moulin", "quai des Bateliers", "rue de la Mairie",
    "avenue Simone Veil", "rue Georges Brassens", "rue Pablo Neruda", "rue du Stade",
    "rue Lamartine", "rue Racine", "rue Molière", "rue des Remparts", "place de la Comédie",
    "rue Gaston Monnerville", "avenue Léopold Héder", "rue Félix Éboué",
]

# Telephone prefixes per département, so that demo numbers look local.
PHONE_PREFIXES = {"67": "03 88", "973": "05 94", "34": "04 67", "93": "01 48", "29": "02 98"}

VENUE_DESCRIPTIONS = {
    "bookstore": "Une librairie indépendante, avec un rayon manga et BD très fourni.",
    "library": "Des livres, des films, de la musique, des jeux et des ateliers toute l'année.",
    "cinema": "Un cinéma de quartier classé art et essai, avec des séances en VO.",
    "concert_hall": "Une salle de concerts pour les musiques actuelles.",
    "performing_arts": "Théâtre, danse et cirque : une saison pour tous les publics.",
    "museum": "Des collections permanentes et des expositions temporaires.",
    "heritage": "Un lieu chargé d'histoire, ouvert à la visite.",
    "arts_school": "Cours et ateliers de pratique artistique pour tous les niveaux.",
    "festival": "Un festival annuel, avec des rendez-vous toute l'année.",
    "music_store": "Instruments, partitions et atelier de réparation.",
    "record_store": "Vinyles neufs et d'occasion, CD et conseils passionnés.",
    "art_supplies": "Tout le matériel pour dessiner, peindre et créer.",
    "games": "Jeux de société, escape games et soirées à thème.",
    "science_centre": "La science à voir, à toucher et à comprendre.",
    "cultural_centre": "Un lieu de rencontres, d'ateliers et de spectacles.",
    "other": "Information et accompagnement des jeunes.",
}

OPENING_HOURS = [
    "Du mardi au samedi, de 10 h à 19 h.", "Tous les jours de 10 h à 18 h, sauf le lundi.",
    "Du lundi au samedi, de 9 h 30 à 19 h 30.", "Mercredi et samedi de 10 h à 18 h ; "
    "mardi, jeudi et vendredi de 14 h à 19 h.", "Ouvert les soirs de spectacle, dès 19 h.",
]

# "{de}" stands for "de <commune>" with the right elision ("du Relecq-Kerhuon", "d'Agde").
VENUE_NAMES = {
    "bookstore": [
        "Librairie Sauramps", "Librairie Dialogues", "Librairie Le Failler", "Librairie Kléber",
        "Librairie La Plume", "Les Mots Voyageurs", "L'Écume des pages", "Le Bateau Livre",
        "Au Fil des Pages", "Librairie Le Grand Cercle", "Bulles d'Encre", "Le Comptoir du Manga",
        "Librairie La Petite Marchande de Prose", "Librairie Gutenberg", "Librairie Les Saisons",
        "Librairie Le Livre Ouvert", "Librairie L'Île aux Livres", "Librairie Point Virgule",
        "Librairie La Bouquinerie", "Librairie Le Chat Lettré", "Librairie Folies d'Encre",
        "Librairie Maupetit", "Librairie Page 29", "Librairie Les Yeux Fertiles",
        "Librairie Le Port des Lettres", "Librairie Mille Feuilles", "Librairie L'Odyssée",
        "Librairie Fahrenheit", "Librairie Le Marque-Page", "Manga Dojo",
    ],
    "library": [
        "Médiathèque Émile Zola", "Médiathèque André Malraux", "Médiathèque Simone Veil",
        "Médiathèque Louise Michel", "Médiathèque Aimé Césaire", "Médiathèque Olympe de Gouges",
        "Médiathèque Jules Verne", "Médiathèque Albert Camus", "Médiathèque George Sand",
        "Bibliothèque municipale {de}", "Médiathèque des Capucins", "Médiathèque Françoise Sagan",
        "Médiathèque Marguerite Duras", "Médiathèque Léopold Sédar Senghor",
        "Médiathèque Colette", "Médiathèque Victor Hugo", "Médiathèque Gisèle Halimi",
        "Médiathèque intercommunale {de}",
    ],
    "cinema": [
        "Cinéma Le Méliès", "Cinéma Le Star", "Ciné Vox", "Cinéma Les Studios",
        "Cinéma L'Odyssée", "Cinéma Le Select", "Cinéma Jean Vigo", "Ciné Liberté",
        "Cinéma Le Rex", "Cinéma Le Bretagne", "Cinéma Utopia", "Cinéma L'Écran",
        "Cinéma Le Palace", "Cinéma Agnès Varda", "Cinéma Le Family", "Ciné-Club Lumière",
    ],
    "concert_hall": [
        "Salle La Laiterie", "Salle Le Rockstore", "La Carène", "Salle Victoire 2",
        "L'Espace Julien", "Salle Les Docks", "La Cité de la musique", "Salle Le Chabada",
        "Le Trabendo", "La Vapeur", "Salle Le Moloco", "La Nef", "Salle Paloma",
        "Salle des fêtes {de}",
    ],
    "performing_arts": [
        "Théâtre du Quai", "Théâtre municipal {de}", "Le Quai des Arts", "Théâtre de la Ville",
        "Théâtre Jean Vilar", "Théâtre de l'Aquarium", "Théâtre Gérard Philipe",
        "Scène nationale {de}", "Théâtre de Poche", "Théâtre de la Mer", "Théâtre du Rivage",
        "La Comédie {de}", "Théâtre des Deux Rives", "Maison de la danse", "Cirque-Théâtre",
    ],
    "museum": [
        "Musée des Beaux-Arts {de}", "Musée d'art moderne et contemporain", "Musée de la Mer",
        "Musée d'histoire {de}", "Musée départemental", "Musée des Cultures guyanaises",
        "Musée de la Photographie", "Musée Fabre", "Musée de la Marine", "Musée Zoologique",
        "Musée de l'Œuvre", "Musée d'art et d'histoire {de}", "Musée du Textile",
    ],
    "heritage": [
        "Château {de}", "Abbaye {de}", "Fort {de}", "Site archéologique {de}", "Phare {de}",
        "Manoir {de}", "Chapelle {de}", "Enclos paroissial {de}", "Maison à colombages {de}",
    ],
    "arts_school": [
        "Conservatoire {de}", "École de musique {de}", "École de danse Tempo",
        "Atelier de dessin Fusain", "École des arts plastiques {de}",
        "Studio de théâtre Les Planches", "École de cirque {de}",
        "Atelier de photographie Argentique",
    ],
    "festival": [
        "Festival des Embruns", "Les Nuits Métisses", "Jazz à la Plage",
        "Festival Couleurs du Monde",
        "Festival Bulles de Mer", "Les Rencontres du Court", "Festival Scènes d'Été",
        "Festival Électro Marée", "Festival Lire en Fête", "Festival des Arts de la Rue",
        "Festival Transamazonie",
    ],
    "music_store": [
        "L'Atelier du Luthier", "Guitare & Cie", "Music Center", "Accords Majeurs",
        "Piano Passion", "Le Comptoir des Musiciens", "Percussions du Monde",
    ],
    "record_store": [
        "Disquaire Sillon", "Vinyl Corner", "Les Disques du Port", "Sillon Records",
        "Le Microsillon", "Face B", "Rythmes & Vinyles",
    ],
    "art_supplies": [
        "L'Art du Papier", "Couleurs & Pinceaux", "Beaux-Arts Boutique", "La Palette",
        "Le Comptoir des Artistes", "Fusain & Aquarelle",
    ],
    "games": [
        "Escape L'Énigme", "Le Repaire du Jeu", "Bar à jeux Le Dé Rouge", "Ludothèque {de}",
        "Escape Room Le Coffre", "Le Plateau", "Meeple Café",
    ],
    "science_centre": [
        "Planétarium {de}", "Centre de sciences Le Vaisseau", "Maison des sciences {de}",
        "Centre de culture scientifique {de}", "Observatoire {de}",
    ],
    "cultural_centre": [
        "MJC {de}", "Centre culturel {de}", "Maison pour tous {de}", "Espace culturel {de}",
        "Maison des jeunes {de}", "Tiers-lieu La Fabrique", "Centre social et culturel {de}",
    ],
    "other": [
        "Bureau Information Jeunesse {de}", "Point Information Jeunesse {de}",
        "Maison de la jeunesse {de}",
    ],
}

# Kinds of venue usually run by the commune itself rather than by a company or association.
MUNICIPAL_KINDS = {"library", "museum", "heritage", "arts_school", "cultural_centre", "other",
                   "science_centre"}
LEGAL_FORMS = {
    "bookstore": ["SARL", "SAS", "SCOP"], "cinema": ["SAS", "Association", "SARL"],
    "concert_hall": ["Association", "SCIC"], "performing_arts": ["Association", "SCIC"],
    "festival": ["Association"], "music_store": ["SARL", "EURL"], "record_store": ["SARL", "EURL"],
    "art_supplies": ["SARL", "SAS"], "games": ["SAS", "SARL", "Association"],
}

DIGITAL_STRUCTURE_NAMES = [
    ("Lumen Éditions numériques", "livres numériques"),
    ("Ondes Musique", "plateforme musicale"),
    ("Cinétoile VOD", "vidéo à la demande"),
    ("L'Écho du Large", "presse en ligne"),
    ("Podcastine", "podcasts"),
    ("Jeux Boréals", "jeux en ligne"),
    ("Arpège en ligne", "cours de musique en ligne"),
]

STREAMING_PLATFORMS = ["Cinétoile", "Lumen Vidéo", "Écran Libre", "Bobine+"]
MUSIC_PLATFORMS = ["Ondes", "Sonora", "Tempo Stream"]
EBOOK_PLATFORMS = ["Lumen Lecture", "Liseuse Libre", "Chapitre+"]
GAME_PLATFORMS = ["Arcadia Pass", "Boréal Games", "Pixel Club"]
NEWSPAPERS = ["L'Écho du Large", "Le Quotidien des Jeunes", "Le Trait d'Union",
              "La Gazette des Arts", "Sciences en Poche"]
PRACTICE_PLATFORMS = ["Arpège en ligne", "Atelier Nomade", "DessinLab"]

# (series, author, last volume, pitch)
MANGA = [
    ("One Piece", "Eiichirō Oda", 108,
     "Luffy et son équipage poursuivent leur quête du trésor légendaire à travers Grand Line."),
    ("Naruto", "Masashi Kishimoto", 72,
     "Le jeune ninja Naruto rêve de devenir Hokage et de gagner le respect de son village."),
    ("Dragon Ball", "Akira Toriyama", 42,
     "Son Goku part à la recherche des sept boules de cristal et des adversaires à sa mesure."),
    ("My Hero Academia", "Kōhei Horikoshi", 40,
     "Né sans pouvoir dans un monde de super-héros, Izuku Midoriya veut devenir le plus grand."),
    ("Jujutsu Kaisen", "Gege Akutami", 28,
     "Yuji Itadori avale un doigt maudit et bascule dans le monde des exorcistes."),
    ("Demon Slayer", "Koyoharu Gotōge", 23,
     "Tanjirō traque les démons pour rendre son humanité à sa sœur Nezuko."),
    ("L'Attaque des Titans", "Hajime Isayama", 34,
     "Derrière d'immenses murs, l'humanité survit face à des géants dévoreurs d'hommes."),
    ("Spy×Family", "Tatsuya Endō", 14,
     "Un espion, une tueuse et une petite télépathe forment une famille de façade."),
    ("Chainsaw Man", "Tatsuki Fujimoto", 20,
     "Denji, chasseur de démons criblé de dettes, ne fait plus qu'un avec sa tronçonneuse."),
    ("Blue Lock", "Muneyuki Kaneshiro et Yūsuke Nomura", 30,
     "Trois cents attaquants s'affrontent pour devenir le meilleur buteur du Japon."),
    ("Haikyu!!", "Haruichi Furudate", 45,
     "Petit par la taille mais immense par la détente, Shōyō Hinata veut briller au volley."),
    ("Death Note", "Tsugumi Ōba et Takeshi Obata", 12,
     "Un lycéen découvre un carnet qui tue quiconque y voit son nom inscrit."),
    ("Fullmetal Alchemist", "Hiromu Arakawa", 27,
     "Deux frères alchimistes cherchent la pierre philosophale pour réparer une faute."),
    ("Frieren", "Kanehito Yamada et Tsukasa Abe", 13,
     "Après la victoire sur le Roi démon, l'elfe Frieren apprend enfin à connaître les humains."),
    ("Kaiju n°8", "Naoya Matsumoto", 15,
     "Kafka rêvait d'entrer dans les forces anti-monstres : le voilà transformé en kaiju."),
    ("Dandadan", "Yukinobu Tatsu", 18,
     "Une lycéenne qui croit aux fantômes et un garçon fan d'extraterrestres : tout est vrai."),
    ("One-Punch Man", "ONE et Yūsuke Murata", 31,
     "Saitama bat n'importe quel monstre d'un seul coup de poing, et s'ennuie ferme."),
    ("Vinland Saga", "Makoto Yukimura", 27,
     "Une fresque viking sur la vengeance, la guerre et la quête d'une terre sans violence."),
    ("Hunter × Hunter", "Yoshihiro Togashi", 37,
     "Gon passe l'examen des Hunters pour retrouver un père qu'il n'a jamais connu."),
    ("Oshi no Ko", "Aka Akasaka et Mengo Yokoyari", 16,
     "Les coulisses cruelles de l'industrie des idoles, vues par deux jumeaux."),
    ("Black Clover", "Yūki Tabata", 36,
     "Sans magie dans un monde de mages, Asta vise le titre d'Empereur-Mage."),
    ("Dr. Stone", "Riichirō Inagaki et Boichi", 26,
     "Dans un monde pétrifié, Senku rebâtit la civilisation grâce à la science."),
    ("The Promised Neverland", "Kaiu Shirai et Posuka Demizu", 20,
     "Des orphelins découvrent le terrible secret de leur maison idyllique."),
    ("Blue Period", "Tsubasa Yamaguchi", 15,
     "Un lycéen brillant mais blasé découvre la peinture et vise les Beaux-Arts de Tokyo."),
    ("Solo Leveling", "Chugong, Dubu et h-goon", 14,
     "Le plus faible des chasseurs gagne le pouvoir de monter en niveau, seul."),
    ("Sakamoto Days", "Yūto Suzuki", 20,
     "Un ancien tueur à gages devenu épicier doit protéger sa famille de son passé."),
    ("Fruits Basket", "Natsuki Takaya", 23,
     "Tohru découvre que la famille Sōma est liée aux animaux du zodiaque chinois."),
    ("Tokyo Revengers", "Ken Wakui", 31,
     "Renvoyé douze ans en arrière, Takemichi tente de sauver son amour d'enfance."),
]

BANDES_DESSINEES = [
    ("Astérix", "René Goscinny et Albert Uderzo", 40,
     "Le petit Gaulois et son ami Obélix résistent encore et toujours à l'envahisseur."),
    ("Les Vieux Fourneaux", "Wilfrid Lupano et Paul Cauuet", 8,
     "Trois amis septuagénaires n'ont rien perdu de leur esprit de révolte."),
    ("Blacksad", "Juan Díaz Canales et Juanjo Guarnido", 7,
     "Un détective privé chat noir enquête dans l'Amérique des années cinquante."),
    ("L'Arabe du futur", "Riad Sattouf", 6,
     "Le récit autobiographique d'une enfance entre la France, la Libye et la Syrie."),
    ("Les Cahiers d'Esther", "Riad Sattouf", 9,
     "Une collégienne parisienne raconte son quotidien, année après année."),
    ("Lanfeust de Troy", "Christophe Arleston et Didier Tarquin", 8,
     "Un apprenti forgeron découvre qu'il possède le pouvoir absolu."),
    ("Thorgal", "Jean Van Hamme et Grzegorz Rosiński", 40,
     "Recueilli par des Vikings, Thorgal cherche une vie paisible que le destin lui refuse."),
    ("Les Nombrils", "Delaf et Dubuc", 10,
     "Trois adolescentes, une amitié compliquée et beaucoup d'humour grinçant."),
    ("Mortelle Adèle", "Mr Tan et Miss Prickly", 20,
     "Adèle, petite fille terrible, déteste à peu près tout le monde."),
    ("Seuls", "Fabien Vehlmann et Bruno Gazzotti", 15,
     "Cinq enfants se réveillent dans une ville vidée de ses habitants."),
    ("Les Légendaires", "Patrick Sobral", 24,
     "Des héros déchus, transformés en enfants, reprennent du service."),
    ("Heartstopper", "Alice Oseman", 5,
     "Charlie et Nick se rencontrent au lycée : une histoire d'amitié et d'amour."),
]

# (title, author, price kind, pitch)
NOVELS = [
    ("Les Misérables", "Victor Hugo", "poche",
     "Jean Valjean, forçat libéré, tente de se racheter dans une France en pleine tourmente."),
    ("Le Comte de Monte-Cristo", "Alexandre Dumas", "poche",
     "Trahi et emprisonné, Edmond Dantès prépare une vengeance minutieuse."),
    ("Germinal", "Émile Zola", "poche",
     "Une grève de mineurs dans le Nord, racontée au plus près des corps et des colères."),
    ("Bel-Ami", "Guy de Maupassant", "poche",
     "L'ascension sans scrupules d'un jeune homme dans le Paris de la presse."),
    ("Madame Bovary", "Gustave Flaubert", "poche",
     "Emma rêve d'une vie romanesque que la province lui refuse."),
    ("Le Rouge et le Noir", "Stendhal", "poche",
     "Julien Sorel, fils de charpentier, veut conquérir la société de la Restauration."),
    ("Candide", "Voltaire", "poche",
     "Un jeune homme naïf découvre que tout ne va pas pour le mieux dans le meilleur des mondes."),
    ("Vingt mille lieues sous les mers", "Jules Verne", "poche",
     "À bord du Nautilus, le mystérieux capitaine Nemo explore les fonds marins."),
    ("Les Fleurs du mal", "Charles Baudelaire", "poche",
     "Le recueil qui a changé la poésie française, entre spleen et idéal."),
    ("Phèdre", "Jean Racine", "poche",
     "La tragédie d'une passion interdite, en alexandrins flamboyants."),
    ("Le Petit Prince", "Antoine de Saint-Exupéry", "poche",
     "Un aviateur perdu dans le désert rencontre un petit garçon venu d'une autre planète."),
    ("L'Étranger", "Albert Camus", "poche",
     "Meursault, indifférent à tout, commet un meurtre sous le soleil d'Alger."),
    ("La Peste", "Albert Camus", "poche",
     "Une épidémie s'abat sur Oran et révèle ce que chacun porte en lui."),
    ("Antigone", "Jean Anouilh", "poche",
     "Antigone dit non au roi Créon, quoi qu'il en coûte."),
    ("La Vie devant soi", "Romain Gary", "poche",
     "Momo, enfant de Belleville, veille sur Madame Rosa qui l'a élevé."),
    ("Le Horla", "Guy de Maupassant", "poche",
     "Le journal d'un homme persuadé qu'un être invisible le hante."),
    ("Orgueil et Préjugés", "Jane Austen", "poche",
     "Elizabeth Bennet et Mr Darcy apprennent à se défaire de leurs premières impressions."),
    ("1984", "George Orwell", "poche",
     "Sous l'œil de Big Brother, Winston Smith ose penser par lui-même."),
    ("Fahrenheit 451", "Ray Bradbury", "poche",
     "Dans une société où les livres sont brûlés, un pompier commence à lire."),
    ("Dune", "Frank Herbert", "grand",
     "Sur la planète désertique Arrakis, Paul Atréides devient une légende."),
    ("La Horde du Contrevent", "Alain Damasio", "poche",
     "Vingt-trois personnages remontent le vent jusqu'à sa source."),
    ("La Passe-miroir : Les Fiancés de l'hiver", "Christelle Dabos", "grand",
     "Ophélie, qui traverse les miroirs, est promise à un homme d'un autre monde."),
    ("Réparer les vivants", "Maylis de Kerangal", "poche",
     "Vingt-quatre heures d'une transplantation cardiaque, de la vague au bloc opératoire."),
    ("Chanson douce", "Leïla Slimani", "poche",
     "Une nounou parfaite, un drame annoncé dès la première page."),
    ("Persepolis", "Marjane Satrapi", "grand",
     "Une enfance iranienne pendant la révolution, en noir et blanc."),
    ("Culottées", "Pénélope Bagieu", "grand",
     "Les portraits de femmes qui n'ont fait que ce qu'elles voulaient."),
    ("Le Seigneur des anneaux : La Communauté de l'anneau", "J. R. R. Tolkien", "grand",
     "Frodon quitte la Comté pour détruire l'Anneau unique."),
    ("Harry Potter à l'école des sorciers", "J. K. Rowling", "poche",
     "À onze ans, Harry apprend qu'il est sorcier et entre à Poudlard."),
    ("Hunger Games", "Suzanne Collins", "poche",
     "Katniss se porte volontaire pour un jeu télévisé dont un seul sortira vivant."),
    ("Nos étoiles contraires", "John Green", "poche",
     "Hazel et Augustus se rencontrent dans un groupe de soutien et refusent de renoncer."),
    ("Six of Crows", "Leigh Bardugo", "grand",
     "Six marginaux préparent un casse impossible dans la ville de Ketterdam."),
    ("Les Choses", "Georges Perec", "poche",
     "Un jeune couple des années soixante rêve de tout ce qu'il pourrait acheter."),
    ("L'Amie prodigieuse", "Elena Ferrante", "poche",
     "Deux amies grandissent dans un quartier populaire de Naples."),
    ("Le Journal d'Anne Frank", "Anne Frank", "poche",
     "Le journal tenu par une adolescente cachée à Amsterdam pendant l'Occupation."),
    ("Cyrano de Bergerac", "Edmond Rostand", "poche",
     "Le panache d'un poète au long nez qui prête ses mots à un autre."),
    ("Le Mythe de Sisyphe", "Albert Camus", "poche",
     "Un essai sur l'absurde et la révolte : il faut imaginer Sisyphe heureux."),
    ("Une si longue lettre", "Mariama Bâ", "poche",
     "Une veuve sénégalaise écrit à son amie et raconte sa vie de femme."),
    ("Cahier d'un retour au pays natal", "Aimé Césaire", "poche",
     "Le grand poème de la négritude, écrit par le poète martiniquais."),
    ("Le Ventre de l'Atlantique", "Fatou Diome", "poche",
     "Entre le Sénégal et la France, le rêve d'ailleurs d'un jeune footballeur."),
    ("Batouala", "René Maran", "poche",
     "Le premier prix Goncourt attribué à un auteur noir, né en Guyane, en 1921."),
    ("Les Contemplations", "Victor Hugo", "poche",
     "Des poèmes de la joie et du deuil, autour de la mort de Léopoldine."),
    ("Bonjour tristesse", "Françoise Sagan", "poche",
     "Un été sur la Côte d'Azur, une adolescente et un père trop insouciant."),
]

NARRATORS = ["Lise Marchal", "Adrien Kerbrat", "Noémie Sauvage", "Karim Belkacem"]

ARTIST_FIRST = ["Lou", "Nina", "Kassim", "Maé", "Jo", "Sasha", "Anouk", "Teo", "Yaël", "Iris",
                "Malik", "Suzanne", "Ilan", "Rose", "Nour", "Gaël"]
ARTIST_LAST = ["Ferrand", "Kervella", "Delune", "Marais", "Saint-Clair", "Orso", "Belair",
               "Vasseur", "Moana", "Kerlo", "Ardent", "Solal"]
BANDS = ["Les Marées Hautes", "Kassim & les Voyageurs", "Nuit Blanche Orchestra", "Brume",
         "Les Fils du Vent", "Tropique Nord", "Palais Cosmique", "Les Sœurs Lumière",
         "Bagad Ar Mor", "Kreol Sound System", "Delta Pulse", "La Fanfare du Quai",
         "Trio Albatros", "Collectif Zinzin", "Les Pieds Nus", "Cosmic Harbour"]
GENRES = ["pop", "rap", "électro", "jazz", "rock", "chanson française", "reggae",
          "musique du monde",
          "folk", "soul", "musique bretonne", "kompa", "hip-hop", "métal"]
ALBUMS = ["Lignes de fuite", "Marée basse", "Néons", "Rivages", "Équinoxe", "Plein ciel",
          "Nuits tropicales", "Avant l'orage", "Sable noir", "Échos", "Cartographie",
          "Horizon 93", "Kaléidoscope", "L'Heure bleue", "Latitude", "Les Ailes du port",
          "Rouge vif", "Comète", "Demain peut-être", "Cœur battant"]
CLASSICAL_WORKS = [
    ("Beethoven", "Symphonie n° 7"), ("Mozart", "Requiem"), ("Vivaldi", "Les Quatre Saisons"),
    ("Bach", "Suites pour violoncelle"), ("Debussy", "La Mer"), ("Ravel", "Boléro"),
    ("Chopin", "Nocturnes"), ("Satie", "Gymnopédies"), ("Bizet", "Carmen"),
    ("Tchaïkovski", "Le Lac des cygnes"), ("Dvořák", "Symphonie du Nouveau Monde"),
    ("Berlioz", "Symphonie fantastique"),
]

FILMS = [
    ("Les Filles du Ponant", "drame", "Trois sœurs reprennent le chantier naval de leur père."),
    ("La Nuit des lucioles", "fantastique",
     "Une nuit d'été, les lumières d'un village s'éteignent."),
    ("Un été à Cayenne", "comédie", "Une lycéenne parisienne passe l'été chez sa grand-mère."),
    ("Le Dernier Phare", "aventure", "Le gardien d'un phare breton refuse l'automatisation."),
    ("Rue des Oublis", "policier",
     "Une inspectrice enquête sur une disparition vieille de vingt ans."),
    ("Les Ailes de Saint-Denis", "comédie dramatique",
     "Un club de basket de quartier vise la finale."),
    ("Mistral gagnant", "comédie", "Deux frères que tout oppose héritent d'un camping."),
    ("Hors piste", "thriller", "Une course en montagne tourne au cauchemar."),
    ("Les Gardiennes du fleuve", "documentaire", "Des femmes du Maroni racontent leur fleuve."),
    ("Orbite basse", "science-fiction", "Une astronaute est seule à bord d'une station en panne."),
    ("Petite Lune", "animation", "Une enfant part chercher la lune tombée dans la mer."),
    ("La Cité des vents", "drame", "Un jeune boxeur de Strasbourg se bat pour sa place."),
    ("Sel et Sable", "romance", "Un été dans les salins, deux mondes se rencontrent."),
    ("Le Bal des poissons", "comédie", "Un restaurant de Sète au bord de la faillite."),
    ("Frontières", "drame", "Un passeur et une réfugiée sur la route de l'exil."),
    ("Opération Clafoutis", "comédie", "Une bande de retraités prépare un casse gourmand."),
    ("Les Aventuriers de l'Ouessant", "aventure",
     "Quatre adolescents chassent un trésor corsaire."),
    ("L'Ombre du violon", "thriller", "Un violon volé relie trois destins."),
    ("Métropole", "science-fiction", "Dans une ville verticale, une ouvrière mène la révolte."),
    ("Nos années lycée", "comédie", "La dernière année d'une classe de terminale."),
    ("Le Chant des baleines", "documentaire",
     "Une expédition scientifique dans l'Atlantique nord."),
    ("Tempête sur Brest", "action", "Une nuit de tempête, un cargo menace le port."),
    ("La Promesse de l'aube rouge", "drame historique", "Alsace, 1944 : une famille déchirée."),
    ("Pixel et Moi", "animation", "Un garçon timide et un robot de compagnie deviennent amis."),
    ("Les Sentinelles", "horreur", "Des colons d'une base spatiale entendent frapper au hublot."),
    ("Pas de deux", "danse", "Un danseur de hip-hop intègre une compagnie de ballet."),
    ("Jusqu'au bout du quai", "comédie dramatique", "Un chef de gare vit son dernier jour."),
    ("Kourou, compte à rebours", "documentaire", "Les coulisses d'un lancement de fusée."),
    ("Garance", "drame", "Une jeune agricultrice reprend la ferme familiale."),
    ("La Maison des secrets", "policier", "Un héritage, une maison, et des lettres cachées."),
]

CLASSIC_FILMS = [
    ("Le Voyage dans la Lune", "Georges Méliès"), ("Metropolis", "Fritz Lang"),
    ("Les Temps modernes", "Charlie Chaplin"), ("La Belle et la Bête", "Jean Cocteau"),
    ("Les Quatre Cents Coups", "François Truffaut"), ("Cléo de 5 à 7", "Agnès Varda"),
    ("Les Parapluies de Cherbourg", "Jacques Demy"), ("Mon oncle", "Jacques Tati"),
]

PLAYS = [
    ("Le Misanthrope", "Molière"), ("Les Fourberies de Scapin", "Molière"),
    ("Le Malade imaginaire", "Molière"), ("Tartuffe", "Molière"), ("Cyrano de Bergerac",
    "Edmond Rostand"), ("Le Jeu de l'amour et du hasard", "Marivaux"),
    ("Le Mariage de Figaro", "Beaumarchais"), ("Roméo et Juliette", "William Shakespeare"),
    ("Hamlet", "William Shakespeare"), ("Le Songe d'une nuit d'été", "William Shakespeare"),
    ("Antigone", "Jean Anouilh"), ("Huis clos", "Jean-Paul Sartre"),
    ("En attendant Godot", "Samuel Beckett"), ("La Cantatrice chauve", "Eugène Ionesco"),
    ("Britannicus", "Jean Racine"), ("Ubu roi", "Alfred Jarry"),
]
COMPANIES = ["Compagnie des Embruns", "Compagnie du Grand Large", "Théâtre de l'Orage",
             "Compagnie Les Passe-Murailles", "Collectif Zone Libre", "Compagnie Ballet Tropical",
             "Compagnie La Rumeur", "Cirque des Étoiles", "Compagnie Kaléidanse",
             "Troupe des Deux Mers"]
SHOW_KINDS = [
    ("danse", "Une pièce chorégraphique pour {n} danseurs, entre hip-hop et danse contemporaine."),
    ("cirque", "Acrobates, jongleurs et musiciens dans un spectacle sans filet."),
    ("humour", "Un seul-en-scène drôle et tendre sur les années lycée et l'entrée dans la vie."),
    ("marionnettes", "Un théâtre d'objets et de marionnettes pour petits et grands."),
    ("théâtre contemporain",
     "Une création sur la jeunesse d'aujourd'hui, ses colères et ses rêves."),
    ("conte", "Un conteur et un musicien font revivre les légendes de la région."),
]
SHOW_TITLES = ["Nos vies en chantier", "Les Enfants de la marée", "Fragiles", "Hors cadre",
               "Vertiges", "Debout !", "L'Île aux mille voix", "Pas de côté", "Traversées",
               "Ceux qui restent", "La Grande Évasion", "Mille et une nuits blanches"]

EXHIBITION_THEMES = [
    "Impressionnistes en bord de mer", "L'Alsace au Moyen Âge", "Trésors de l'Amazonie",
    "Photographier la banlieue", "Corps en mouvement", "Street art : les murs parlent",
    "Les pionniers de l'aviation", "Bleu outremer", "Céramiques de Quimper",
    "Design et jeux vidéo", "Femmes artistes du XXe siècle", "La mer et les marins",
    "Masques du monde", "Architecture de demain", "Dinosaures et fossiles",
    "Bande dessinée et mangas",
]
WORKSHOP_DISCIPLINES = [
    "dessin", "peinture", "photographie", "danse hip-hop", "théâtre", "chant", "guitare",
    "batterie", "piano", "MAO (musique assistée par ordinateur)", "écriture", "céramique",
    "sérigraphie", "bande dessinée", "vidéo", "DJing", "gravure", "couture", "cirque", "slam",
]
CONFERENCE_TOPICS = [
    "L'intelligence artificielle et la création", "Histoire du hip-hop en France",
    "Le climat en questions", "Comprendre l'art contemporain", "Les métiers du cinéma",
    "La biodiversité de la forêt guyanaise", "Le Rhin, frontière et trait d'union",
    "Les femmes dans les sciences", "Le manga, un art japonais devenu mondial",
    "Les océans, dernier territoire inconnu", "Écrire pour le jeu vidéo",
    "Les fake news et comment les repérer", "L'espace, de Kourou à Mars",
]
CAREERS = ["du spectacle", "du livre", "du cinéma", "du jeu vidéo", "de la musique",
           "du patrimoine", "de la mode", "du journalisme", "de l'animation"]
GAMES = ["Catan", "Dixit", "Les Aventuriers du Rail", "Codenames", "Splendor", "Azul",
         "Carcassonne", "7 Wonders", "Mario Kart", "Super Smash Bros", "échecs", "Magic"]
ESCAPE_THEMES = ["Le Trésor du corsaire", "Le Laboratoire interdit", "Évasion d'Alcatraz",
                 "La Malédiction du pharaon", "Mission Kourou", "Le Manoir hanté",
                 "Le Braquage du siècle", "La Cabine du capitaine"]
ONLINE_GAMES = ["Les Chroniques d'Ys", "Archipel", "Odyssée Pixel", "Royaume des Brumes",
                "Cosmo Racers", "Le Dernier Cartographe"]
PODCASTS = ["Les Couleurs du son", "Histoires de quartier", "La Fabrique des idées",
            "Sciences en poche", "Ma première bibliothèque", "Dans les coulisses"]
CULTURAL_APPS = ["Muséo, l'appli des musées", "Solfège facile", "Croquis, carnet de dessin",
                 "Patrimoine en poche", "LangoLivres, lire en langues étrangères"]
INSTRUMENTS = [
    ("Guitare classique 4/4", 12000), ("Guitare folk électro-acoustique", 25000),
    ("Ukulélé soprano", 5500), ("Clavier numérique 61 touches", 17000),
    ("Violon 4/4 complet", 22000),
    ("Djembé 12 pouces", 9000), ("Flûte traversière d'étude", 28000), ("Cajón", 8500),
    ("Guitare électrique et ampli", 29000), ("Harmonica diatonique", 5000),
    ("Contrôleur DJ deux voies", 19000), ("Micro USB pour home studio", 8000),
]
RENTED_INSTRUMENTS = ["violon", "violoncelle", "saxophone alto", "clarinette", "trompette",
                      "piano droit", "accordéon", "harpe celtique"]
SCORES = [("Chopin", "Nocturnes"), ("Bach", "Inventions à deux voix"),
          ("Satie", "Gymnopédies"), ("Debussy", "Clair de lune"),
          ("Méthode", "guitare débutant"), ("Recueil", "chansons françaises pour piano"),
          ("Méthode", "batterie rock"), ("Recueil", "musiques de films pour violon")]
ART_SUPPLIES = [
    ("Coffret aquarelle 24 couleurs", 3500), ("Carnet de croquis A4, 120 g", 1200),
    ("Set de feutres à alcool 48 couleurs", 6500), ("Coffret de crayons graphite", 1800),
    ("Chevalet de table", 4500), ("Kit de linogravure", 3900), ("Toile sur châssis 50×70", 2200),
    ("Kit de calligraphie", 2800), ("Pinceaux synthétiques, lot de 12", 1600),
    ("Argile autodurcissante 5 kg", 1900), ("Tablette graphique d'initiation", 7900),
]
