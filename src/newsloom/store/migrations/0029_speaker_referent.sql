-- What a quote's speaker mention stands for ("some economists" for "who"): readers are shown the
-- actor's name, else these words, else the mention. Optional: quotes stored before this column,
-- and mentions that are names, have none (their article's facts never held one).
ALTER TABLE quotes ADD COLUMN speaker_ref_text TEXT;
ALTER TABLE quotes ADD COLUMN speaker_ref_start INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_ref_end INTEGER;
