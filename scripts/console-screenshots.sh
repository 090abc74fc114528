#!/usr/bin/env bash
# Refreshes docs/console/: every console page in Persian and English, as the accessibility tests'
# Chromium renders them (tests/Portfolio.Api.Tests/Admin/Browser/ConsolePagesTests.cs).
# Usage: scripts/console-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/console
PORTFOLIO_CONSOLE_SCREENSHOTS="$PWD/docs/console" dotnet test tests/Portfolio.Api.Tests -nologo -v q \
  --filter "FullyQualifiedName~Admin.Browser.ConsolePagesTests"
ls docs/console
