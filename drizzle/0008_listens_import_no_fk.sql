ALTER TABLE "listens" DROP CONSTRAINT "listens_import_id_imports_id_fk";
