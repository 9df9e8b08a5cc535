// npm run access:table: prints who may do what (src/access/permissions.ts), as the README shows it.
import { permissionsTable } from "../src/access/permissions.js";

console.log(permissionsTable());
