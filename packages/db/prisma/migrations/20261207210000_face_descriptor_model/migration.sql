-- Face descriptors carry the model that computed them (issue 14): the product moved from Human's
-- faceres (1024 numbers) to the dlib ResNet-34 net (128 numbers). Every row stored so far was
-- computed by faceres; new rows always name their model, so the default is dropped again.

-- AlterTable
ALTER TABLE "face_images" ADD COLUMN "descriptorModel" TEXT NOT NULL DEFAULT 'human-faceres';
ALTER TABLE "face_images" ALTER COLUMN "descriptorModel" DROP DEFAULT;

-- Set by the re-embedding job when a stored image cannot give a descriptor of the current model.
ALTER TABLE "face_images" ADD COLUMN "descriptorError" TEXT;
