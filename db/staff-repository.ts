/** Staff (cashiers and managers) with their PIN records (scrypt, host/limits/pin-hasher.ts), never PINs. */
import type { Statement } from 'better-sqlite3';
import type { ManagerDirectory, PinRecord, StaffRecord, StaffRole } from '../core/domain/limits/manager-pin.js';
import type { SqliteDatabase } from './open-database.js';

interface Row {
  staff_id: string;
  name: string;
  role: string;
  pin: string;
  created_at: number;
}

export class SqliteStaffDirectory implements ManagerDirectory {
  private readonly select: Statement<[string], Row>;
  private readonly insert: Statement<[Row]>;
  private readonly count: Statement<[], { n: number }>;

  constructor(db: SqliteDatabase) {
    this.select = db.prepare<[string], Row>('SELECT * FROM staff WHERE staff_id = ?');
    this.insert = db.prepare<[Row]>('INSERT INTO staff (staff_id, name, role, pin, created_at) VALUES (@staff_id, @name, @role, @pin, @created_at)');
    this.count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM staff');
  }

  findStaff(staffId: string): StaffRecord | undefined {
    const row = this.select.get(staffId);
    if (!row) return undefined;
    return { staffId: row.staff_id, name: row.name, role: row.role as StaffRole, pin: JSON.parse(row.pin) as PinRecord };
  }

  add(staff: StaffRecord, createdAt: number): void {
    this.insert.run({ staff_id: staff.staffId, name: staff.name, role: staff.role, pin: JSON.stringify(staff.pin), created_at: createdAt });
  }

  size(): number {
    return this.count.get()!.n;
  }
}
