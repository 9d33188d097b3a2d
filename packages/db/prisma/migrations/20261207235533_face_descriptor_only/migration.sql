-- Descriptor-only enrolments (issue 20): under the verdict-only capture mode no image leaves the
-- worker's PC, so the agent sends only the descriptor its own face model computed and the row has
-- no photo. Such a row cannot be re-embedded on a model upgrade; facesToReenrol lists it instead.

-- AlterTable
ALTER TABLE "face_images" ALTER COLUMN "blobKey" DROP NOT NULL,
ALTER COLUMN "sha256" DROP NOT NULL,
ALTER COLUMN "byteSize" DROP NOT NULL,
ALTER COLUMN "width" DROP NOT NULL,
ALTER COLUMN "height" DROP NOT NULL;

-- A row has either all of its photo's columns or none of them.
ALTER TABLE "face_images" ADD CONSTRAINT "face_images_photo_complete" CHECK (
  ("blobKey" IS NULL AND "sha256" IS NULL AND "byteSize" IS NULL AND "width" IS NULL AND "height" IS NULL)
  OR ("blobKey" IS NOT NULL AND "sha256" IS NOT NULL AND "byteSize" IS NOT NULL AND "width" IS NOT NULL AND "height" IS NOT NULL)
);
