//! What an invitation lets a member do. The relay signs the role into tokens and enforces it;
//! the app reads it from the session to offer only what the relay will accept. One definition,
//! so their names and rules cannot drift apart.

/// What a token allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// May read the community's documents.
    Viewer,
    /// May read and change them.
    Member,
    /// May also invite and revoke.
    Admin,
}

impl Role {
    /// The role's name in tokens and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Member => "member",
            Role::Admin => "admin",
        }
    }

    /// Parses a role name.
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "viewer" => Some(Role::Viewer),
            "member" => Some(Role::Member),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// True for roles that may change documents.
    pub fn can_write(self) -> bool {
        self != Role::Viewer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_and_only_viewers_cannot_write() {
        for role in [Role::Viewer, Role::Member, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("owner"), None);
        assert!(!Role::Viewer.can_write());
        assert!(Role::Member.can_write() && Role::Admin.can_write());
    }
}
