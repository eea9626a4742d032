## Veille : des liens partagés dans les groupes avec un commentaire et des étiquettes, une recherche et des flux Atom.

nav-news = Veille
news-title = Veille
news-intro = Les liens partagés par les membres des groupes ouverts et par l’équipe de modération : articles, études, appels à projets.
news-group-intro = Les liens partagés par les membres du groupe.
news-feed-title = La veille d’Essaim
news-feed-link = S’abonner au flux Atom
news-search-label = Chercher dans la veille
news-search = Mots recherchés
news-search-hint = Tous les mots sont requis ; OR entre deux mots, "expression exacte" entre guillemets, -mot pour exclure.
news-tag = Étiquette
news-search-submit = Chercher
news-count-zero = Aucun lien
news-count = { $count ->
    [one] 1 lien
   *[other] { $count } liens
}
news-empty = Aucun lien à afficher.
news-shared-by = Partagé par { $name }
news-tags = Étiquettes
news-delete = Supprimer « { $title } »
news-share-title = Partager un lien
news-field-url = Adresse du lien
news-field-title = Titre
news-field-comment = Commentaire
news-field-comment-hint = Pourquoi le lire ? Mise en forme Markdown possible.
news-field-tags = Étiquettes
news-field-tags-hint = Séparées par des virgules, 8 au plus.
news-share-submit = Partager
news_url_required = Indiquez l’adresse du lien.
news_url_invalid = Saisissez une adresse web complète, qui commence par https:// ou http://.
news_title_required = Donnez un titre au lien.
news_title_invalid = Le titre doit tenir sur une ligne de 200 caractères au plus.
news_comment_too_long = Le commentaire dépasse 2 000 caractères.
news_tag_too_long = Une étiquette dépasse 30 caractères.
news_too_many_tags = Pas plus de 8 étiquettes.
