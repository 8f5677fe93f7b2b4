// Public surface of the users module: other modules import only from here.
export { UsersService } from './users.service';
export { userRoutes } from './users.routes';
export {
  type UserRow, addPasswordHistory, countUsers, findUserById, findUserByUsername, findUserWithGrants, insertUser, loadGrants,
  recentPasswordHashes, replaceAreas, replaceRoles, updateUser,
} from './users.repository';
export { users } from './users.tables';
