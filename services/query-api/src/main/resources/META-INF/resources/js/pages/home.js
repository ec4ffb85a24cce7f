/** Landing page after login: back to the page that asked for a login, or the databases page. */
import { takeReturnPath } from '../api/client.js';

location.replace(takeReturnPath() ?? '/capacity/databases/');
