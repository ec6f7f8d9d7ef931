/**
 * Proves that applying prisma/migrations to an empty database yields exactly what schema.prisma
 * describes: every model's table, every field's column with a compatible type and nullability,
 * every enum, index, unique constraint and foreign key (with its ON DELETE rule), and nothing extra.
 * Prisma's own `migrate diff` would do this, but its schema engine cannot be downloaded here.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { createTestDatabase, type TestDatabase } from "../support/db";

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: { name: string } | string | number | boolean;
  isUpdatedAt: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: DmmfIndex[] };
}

const dmmf: Dmmf = JSON.parse(
  get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", readFileSync("prisma/schema.prisma", "utf8")]] })),
);
const models = dmmf.datamodel.models;
const tableOf = (model: string) => {
  const m = models.find((x) => x.name === model)!;
  return m.dbName ?? m.name;
};
const columnOf = (model: string, field: string) => {
  const f = models.find((x) => x.name === model)!.fields.find((x) => x.name === field)!;
  return f.dbName ?? f.name;
};

/** The Postgres type Prisma creates for a scalar field (udt_name as information_schema reports it). */
function expectedUdt(field: DmmfField): string {
  if (field.kind === "enum") return field.type;
  const native = field.nativeType?.[0];
  const byNative: Record<string, string> = {
    Uuid: "uuid",
    Timestamptz: "timestamptz",
    Timestamp: "timestamp",
    JsonB: "jsonb",
    Json: "json",
    Decimal: "numeric",
    VarChar: "varchar",
    Text: "text",
    Integer: "int4",
    BigInt: "int8",
    DoublePrecision: "float8",
    Boolean: "bool",
  };
  if (native && byNative[native]) return byNative[native];
  const byType: Record<string, string> = {
    String: "text",
    Int: "int4",
    BigInt: "int8",
    Float: "float8",
    Decimal: "numeric",
    Boolean: "bool",
    DateTime: "timestamp",
    Json: "jsonb",
    Bytes: "bytea",
  };
  const udt = byType[field.type];
  if (!udt) throw new Error(`no mapping for ${field.type}`);
  return udt;
}

describe("migrations produce the database schema.prisma describes", () => {
  let db: TestDatabase;
  let columns: {
    table_name: string;
    column_name: string;
    udt_name: string;
    is_nullable: "YES" | "NO";
    column_default: string | null;
    datetime_precision: number | null;
    numeric_precision: number | null;
    numeric_scale: number | null;
  }[];
  let indexes: { table: string; name: string; unique: boolean; primary: boolean; columns: string[]; desc: boolean[] }[];
  let foreignKeys: { table: string; columns: string[]; ref_table: string; ref_columns: string[]; on_delete: string }[];
  let enums: { name: string; values: string[] }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    columns = await db.sql.query(
      `SELECT table_name, column_name, udt_name, is_nullable, column_default, datetime_precision, numeric_precision, numeric_scale
         FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
    );
    indexes = await db.sql.query(
      `SELECT t.relname::text AS table, i.relname::text AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
              array_agg(a.attname::text ORDER BY k.ord) AS columns,
              array_agg((ix.indoption[k.ord - 1] & 1) = 1 ORDER BY k.ord) AS desc
         FROM pg_index ix
         JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
         CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE t.relname <> '_prisma_migrations'
        GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`,
    );
    foreignKeys = await db.sql.query(
      `SELECT cl.relname::text AS table, ref.relname::text AS ref_table,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS ref_columns,
              c.confdeltype::text AS on_delete
         FROM pg_constraint c
         JOIN pg_class cl ON cl.oid = c.conrelid
         JOIN pg_class ref ON ref.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = current_schema()
        WHERE c.contype = 'f'`,
    );
    enums = await db.sql.query(
      `SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = current_schema()
        GROUP BY t.typname`,
    );
  });
  afterAll(() => db?.destroy());

  it("has a table per model and no others", () => {
    const tables = [...new Set(columns.map((c) => c.table_name))].sort();
    expect(tables).toEqual(models.map((m) => m.dbName ?? m.name).sort());
  });

  it.each(models.map((m) => [m.name, m] as const))(
    "%s: every field has a column of a compatible type, and no column is extra",
    (_name, model) => {
      const table = model.dbName ?? model.name;
      const actual = columns.filter((c) => c.table_name === table);
      const scalarFields = model.fields.filter((f) => f.kind !== "object");
      expect(actual.map((c) => c.column_name).sort()).toEqual(scalarFields.map((f) => f.dbName ?? f.name).sort());

      for (const field of scalarFields) {
        const column = actual.find((c) => c.column_name === (field.dbName ?? field.name))!;
        const where = `${model.name}.${field.name}`;
        expect(column.udt_name, where).toBe(field.isList ? `_${expectedUdt(field)}` : expectedUdt(field));
        // Prisma makes list columns nullable; everything else follows `?`.
        expect(column.is_nullable, where).toBe(field.isList || !field.isRequired ? "YES" : "NO");
        const dbDefault =
          field.hasDefaultValue &&
          !(typeof field.default === "object" && ["uuid", "cuid"].includes(field.default.name));
        expect(column.column_default !== null, `${where} default`).toBe(dbDefault);
        if (field.type === "DateTime")
          expect(column.datetime_precision, where).toBe(Number(field.nativeType?.[1]?.[0] ?? 3));
        if (field.type === "Decimal" && field.nativeType?.[1]?.length) {
          expect([column.numeric_precision, column.numeric_scale], where).toEqual(field.nativeType[1].map(Number));
        }
      }
    },
  );

  it("has every enum with the same values in the same order", () => {
    const expected = dmmf.datamodel.enums.map((e) => ({ name: e.name, values: e.values.map((v) => v.name) }));
    expect([...enums].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      expected.sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it("has exactly the primary keys, unique constraints and indexes of the schema", () => {
    const expected = dmmf.datamodel.indexes.map((ix) => ({
      table: tableOf(ix.model),
      unique: ix.type !== "normal",
      primary: ix.type === "id",
      columns: ix.fields.map((f) => columnOf(ix.model, f.name)),
      desc: ix.fields.map((f) => f.sortOrder === "desc"),
    }));
    const actual = indexes.map(({ table, unique, primary, columns, desc }) => ({
      table,
      unique,
      primary,
      columns,
      desc,
    }));
    const key = (i: (typeof expected)[number]) => `${i.table}(${i.columns.join(",")})`;
    expect(actual.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      expected.sort((a, b) => key(a).localeCompare(key(b))),
    );
  });

  it("has a foreign key for every relation, with the schema's ON DELETE rule", () => {
    const onDelete: Record<string, string> = {
      Cascade: "c",
      SetNull: "n",
      Restrict: "r",
      NoAction: "a",
      SetDefault: "d",
    };
    const expected = models.flatMap((m) =>
      m.fields
        .filter((f) => f.kind === "object" && f.relationFromFields?.length)
        .map((f) => ({
          table: m.dbName ?? m.name,
          columns: f.relationFromFields!.map((x) => columnOf(m.name, x)),
          ref_table: tableOf(f.type),
          ref_columns: f.relationToFields!.map((x) => columnOf(f.type, x)),
          // Prisma's default: Restrict for required relations, SetNull for optional ones.
          on_delete: onDelete[f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull")],
        })),
    );
    const key = (x: { table: string; columns: string[] }) => `${x.table}(${x.columns.join(",")})`;
    expect([...foreignKeys].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      expected.sort((a, b) => key(a).localeCompare(key(b))),
    );
  });
});
