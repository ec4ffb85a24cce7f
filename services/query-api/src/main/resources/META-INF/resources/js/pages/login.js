/** The login page: explains why the user is here (wrong password, signed out, session ended). */
const reasons = new URLSearchParams(location.search);
const shown = reasons.has('error') ? 'login-error' : reasons.has('signed-out') ? 'login-ended'
  : reasons.has('expired') ? 'login-expired' : null;
if (shown) {
  document.getElementById(shown).classList.remove('d-none');
}
