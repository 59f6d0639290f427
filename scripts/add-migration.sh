#!/usr/bin/env bash
# Adds a migration with the same name to both providers' sets, so they stay in step.
# Usage: scripts/add-migration.sh AddInvoices
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
project=src/Werkbon.Server
dotnet ef migrations add "$name" --project "$project" --context SqliteAppDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --project "$project" --context PostgresAppDb --output-dir Data/Migrations/Postgres --no-build
