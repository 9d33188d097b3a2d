-- AlterEnum
ALTER TYPE "PrincipalKind" ADD VALUE 'SYSTEM';
