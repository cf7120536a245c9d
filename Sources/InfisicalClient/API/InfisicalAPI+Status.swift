import Foundation
import InfisicalModels

/// What `GET /api/status` (contract §10) says about the server.
public struct ServerStatus: Sendable, Equatable {
    /// `message` ("Ok" on Infisical); nil when the body is not Infisical's status shape.
    public var message: String?
    /// The request went through this proxy variable (its name only), nil when direct.
    public var proxyVariable: String?
}

extension InfisicalAPI {
    /// `GET /api/status` without credentials: is an Infisical server at the configured domain?
    /// Transport failures come back as the transport's errors, which already say which step broke
    /// (unknown host, connection refused, TLS, the proxy).
    public func serverStatus(cancel: Cancellation? = nil) throws -> ServerStatus {
        struct Body: Decodable { var message: String? }
        let data = try send(Call(path: "/api/status", authenticated: false), cancel: cancel)
        let body = try? TolerantJSON.decode(Body.self, from: data)
        return ServerStatus(message: body?.message,
                            proxyVariable: ProxyEnvironment.variable(for: configuration.url("/api/status"),
                                                                     environment: ProcessInfo.processInfo.environment))
    }
}
