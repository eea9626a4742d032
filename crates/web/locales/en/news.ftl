## News watch: links shared in groups with a comment and tags, a search and Atom feeds.

nav-news = News
news-title = News watch
news-intro = Links shared by the members of open groups and by the moderation team: articles, studies, calls for projects.
news-group-intro = Links shared by the members of the group.
news-feed-title = Essaim's news watch
news-feed-link = Subscribe to the Atom feed
news-search-label = Search the news
news-search = Words searched
news-search-hint = Every word is required; OR between two words, "exact phrase" in quotes, -word to exclude.
news-tag = Tag
news-search-submit = Search
news-count-zero = No links
news-count = { $count ->
    [one] 1 link
   *[other] { $count } links
}
news-empty = No links to show.
news-shared-by = Shared by { $name }
news-tags = Tags
news-delete = Delete "{ $title }"
news-share-title = Share a link
news-field-url = Link address
news-field-title = Title
news-field-comment = Comment
news-field-comment-hint = Why read it? Markdown formatting allowed.
news-field-tags = Tags
news-field-tags-hint = Separated by commas, at most 8.
news-share-submit = Share
news_url_required = Enter the link's address.
news_url_invalid = Enter a full web address, starting with https:// or http://.
news_title_required = Give the link a title.
news_title_invalid = The title must be one line of at most 200 characters.
news_comment_too_long = The comment is longer than 2,000 characters.
news_tag_too_long = A tag is longer than 30 characters.
news_too_many_tags = No more than 8 tags.
