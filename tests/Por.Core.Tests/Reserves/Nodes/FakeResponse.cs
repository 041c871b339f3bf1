// SPDX-License-Identifier: Apache-2.0

namespace Por.Core.Tests.Reserves.Nodes;

internal sealed record FakeResponse(int Status, string Body, TimeSpan Delay);
