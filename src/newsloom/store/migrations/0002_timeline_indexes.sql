-- Actor timelines join doc_actors to articles by document and group by publication day:
-- covering indexes let both sides be read from the index alone.
CREATE INDEX articles_doc_published ON articles(doc_id, published);
CREATE INDEX doc_actors_actor_cover ON doc_actors(actor_id, doc_id, mentions, quotes);
