#!/usr/bin/env bash
# The sample console's application users (ApplicationRealm, the "other" security domain the sample's jboss-web.xml
# names): a viewer and an operator, with the roles the console's defaults expect. Idempotent: add-user updates a user
# that exists. Usage: add-users.sh <wildfly home>
set -euo pipefail
home=$1
add() { # user password role
  "$home/bin/add-user.sh" -a -s -sc "$home/standalone/configuration" -u "$1" -p "$2" -g "$3"
}
add ferry-viewer 'Viewer-1-pass' ferry-viewer
add ferry-operator 'Operator-1-pass' ferry-operator
