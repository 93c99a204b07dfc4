import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * How many records name each department: call records (departments coordinated) and complaints
 * (handling departments, the rectification department). Removing a department from the settings
 * asks first when records still use it; the records keep the name they were saved with.
 */
export function departmentUsage(db: Database.Database): Record<string, number> {
  const rows = db
    .prepare(
      `SELECT name, count(*) AS n FROM (
         SELECT 'call:' || c.id AS rec, j.value AS name FROM call_records c, json_each(c.departments_coordinated) j
         UNION
         SELECT 'complaint:' || k.id, j.value FROM complaints k, json_each(k.departments) j
         UNION
         SELECT 'complaint:' || k.id, k.rectification_dept FROM complaints k WHERE k.rectification_dept != ''
       ) GROUP BY name`,
    )
    .all() as { name: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}
