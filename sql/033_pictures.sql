-- 033_pictures.sql: services with a picture and what is and is not included; vendors with a display name and a profile photo.
-- A picture is named by the SHA-256 of its large WebP (lib/domain/picture.c):
-- the files are uploads/media/<key>-l.webp and <key>-s.webp, served by nginx
-- at /media/ with a year's caching, since a key never names other bytes.
-- '' means no picture.  Widths and heights are the stored files', for the
-- img element's attributes (no layout shift on slow phones).
ALTER TABLE services ADD COLUMN included TEXT NOT NULL DEFAULT ''
    CHECK (length(included) <= 2000);
ALTER TABLE services ADD COLUMN not_included TEXT NOT NULL DEFAULT ''
    CHECK (length(not_included) <= 2000);
ALTER TABLE services ADD COLUMN image TEXT NOT NULL DEFAULT ''
    CHECK (image = '' OR length(image) = 32);
ALTER TABLE services ADD COLUMN image_width INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN image_height INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN thumb_width INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN thumb_height INTEGER NOT NULL DEFAULT 0;

-- What customers see instead of the username; '' until the vendor sets
-- one (pages fall back to the business name, then the username).
ALTER TABLE vendor_profiles ADD COLUMN display_name TEXT NOT NULL DEFAULT ''
    CHECK (length(display_name) <= 60);
ALTER TABLE vendor_profiles ADD COLUMN photo TEXT NOT NULL DEFAULT ''
    CHECK (photo = '' OR length(photo) = 32);
ALTER TABLE vendor_profiles ADD COLUMN photo_width INTEGER NOT NULL DEFAULT 0;
ALTER TABLE vendor_profiles ADD COLUMN photo_height INTEGER NOT NULL DEFAULT 0;
ALTER TABLE vendor_profiles ADD COLUMN photo_thumb_width INTEGER NOT NULL DEFAULT 0;
ALTER TABLE vendor_profiles ADD COLUMN photo_thumb_height INTEGER NOT NULL DEFAULT 0;
